/* Quizzes of the course: check answers, give feedback, keep a score.
 * Progress is kept in this browser's localStorage only; nothing is ever sent anywhere.
 * Correct answers and feedback are read from the quiz's own "Show answers" block. */
(function () {
  "use strict";
  var PREFIX = "course-quiz:";
  var ICON_RIGHT = "\u2713";
  var ICON_WRONG = "\u2717";

  // Saved progress is an object keyed by question id; anything else (a number, a string,
  // an array, left by another script or an older version) is ignored and overwritten.
  function load(key) {
    try {
      var value = JSON.parse(window.localStorage.getItem(key) || "{}");
      if (value && typeof value === "object" && !Array.isArray(value)) { return value; }
    } catch (e) { /* unreadable: start afresh */ }
    return {};
  }
  function save(key, state) {
    try {
      window.localStorage.setItem(key, JSON.stringify(state));
    } catch (e) { /* storage may be off: the quiz still works for this visit */ }
  }
  function forget(key) {
    try {
      window.localStorage.removeItem(key);
    } catch (e) { /* nothing kept */ }
  }
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text) { node.textContent = text; }
    return node;
  }

  function setupQuiz(quiz) {
    // The words this script writes, in the page's language (data-strings, from the build).
    var words = {};
    try { words = JSON.parse(quiz.getAttribute("data-strings") || "{}") || {}; } catch (e) { words = {}; }
    function say(text) { return typeof words[text] === "string" ? words[text] : text; }
    var key = PREFIX + quiz.getAttribute("data-quiz");
    var state = load(key);
    var questions = Array.prototype.slice.call(quiz.querySelectorAll(".quiz-question"));
    var answers = quiz.querySelector(".quiz-answers");
    var footer = quiz.querySelector(".quiz-footer");
    var score = quiz.querySelector(".quiz-score");
    var reset = quiz.querySelector(".quiz-reset");

    function answerOf(qid, index) {
      var item = answers && answers.querySelector(
        '[data-question="' + qid + '"] [data-option="' + index + '"]');
      if (!item) { return { correct: false, feedback: "" }; }
      var feedback = item.querySelector(".quiz-answer-feedback");
      return {
        correct: item.getAttribute("data-correct") === "true",
        feedback: (feedback || item).textContent.trim()
      };
    }
    function inputsOf(question) {
      return Array.prototype.slice.call(question.querySelectorAll("input"));
    }
    function labelOf(input) {
      var label = input.id ? input.parentNode.querySelector('label[for="' + input.id + '"]') : null;
      return label ? label.textContent.trim() : input.value;
    }
    function updateScore() {
      var checked = questions.filter(function (q) {
        var saved = state[q.getAttribute("data-question")];
        return saved && saved.checked;
      });
      var right = checked.filter(function (q) {
        return state[q.getAttribute("data-question")].correct;
      }).length;
      // No score before the first answer: an empty live region is announced once it fills.
      score.textContent = checked.length ?
        say("Score: {right} of {total} correct").replace("{right}", right)
          .replace("{total}", questions.length) : "";
    }

    function showFeedback(question) {
      var qid = question.getAttribute("data-question");
      var inputs = inputsOf(question);
      var region = question.querySelector(".quiz-feedback");
      var chosen = inputs.filter(function (input) { return input.checked; });
      region.textContent = "";
      question.classList.remove("is-correct", "is-wrong");
      if (!chosen.length) {
        region.appendChild(el("p", "quiz-verdict", say("Choose an answer first.")));
        return;
      }
      var allRight = inputs.every(function (input, i) {
        return answerOf(qid, i).correct === input.checked;
      });
      var verdict = el("p", "quiz-verdict " + (allRight ? "is-correct" : "is-wrong"));
      var icon = el("span", "quiz-icon", allRight ? ICON_RIGHT : ICON_WRONG);
      icon.setAttribute("aria-hidden", "true");
      verdict.appendChild(icon);
      // The option's own feedback often starts "Not quite", so the verdict says it differently.
      verdict.appendChild(document.createTextNode(" " + (allRight ? say("Correct") : say("Not right yet"))));
      region.appendChild(verdict);
      chosen.forEach(function (input) {
        var info = answerOf(qid, inputs.indexOf(input));
        var chosenLine = el("p", "quiz-chosen", say("Your answer: "));
        chosenLine.appendChild(el("strong", "", labelOf(input)));
        region.appendChild(chosenLine);
        region.appendChild(el("p", "quiz-option-feedback", info.feedback));
      });
      if (!allRight && question.getAttribute("data-type") === "multiple") {
        var missed = inputs.some(function (input, i) {
          return !input.checked && answerOf(qid, i).correct;
        });
        if (missed) {
          region.appendChild(el("p", "quiz-option-feedback",
            say("There is at least one more right answer. Try again.")));
        }
      }
      question.classList.add(allRight ? "is-correct" : "is-wrong");
      state[qid] = { selected: chosen.map(function (i) { return inputs.indexOf(i); }),
                     checked: true, correct: allRight };
    }

    questions.forEach(function (question) {
      var qid = question.getAttribute("data-question");
      var inputs = inputsOf(question);
      var button = question.querySelector(".quiz-check");
      var saved = state[qid];
      if (saved && Array.isArray(saved.selected)) {
        inputs.forEach(function (input, i) { input.checked = saved.selected.indexOf(i) !== -1; });
        if (saved.checked) { showFeedback(question); }
      }
      inputs.forEach(function (input) {
        input.addEventListener("change", function () {
          state[qid] = { selected: inputs.reduce(function (list, item, i) {
            if (item.checked) { list.push(i); }
            return list;
          }, []), checked: false, correct: false };
          question.classList.remove("is-correct", "is-wrong");
          question.querySelector(".quiz-feedback").textContent = "";
          save(key, state);
          updateScore();
        });
      });
      button.hidden = false;
      button.addEventListener("click", function () {
        showFeedback(question);
        save(key, state);
        updateScore();
      });
    });

    reset.addEventListener("click", function () {
      state = {};
      forget(key);
      questions.forEach(function (question) {
        inputsOf(question).forEach(function (input) { input.checked = false; });
        question.classList.remove("is-correct", "is-wrong");
        question.querySelector(".quiz-feedback").textContent = "";
      });
      updateScore();
      score.textContent = say("Your answers were cleared.");
    });
    footer.hidden = false;
    var intro = quiz.querySelector(".quiz-intro");
    if (intro) { intro.hidden = false; }
    quiz.classList.add("quiz-ready");
    updateScore();
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll(".quiz[data-quiz]"), setupQuiz);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
