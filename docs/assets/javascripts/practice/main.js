// The practice tools, in dependency order. Each module hooks into Material's
// document$ itself, so it runs on every page view, instant navigation too.
import "./notice.js";
import "./checklists.js";
import "./notes.js";
import "./timer.js";
import "./grading.js";
import "./flashcards.js";
import "./backup.js";
