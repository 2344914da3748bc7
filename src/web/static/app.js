/*
 * app.js — the only script of safepath's pages (loaded with defer from
 * /static/app.js; the Content-Security-Policy allows no inline script).
 * Every page works without it; it only adds:
 *   - class "js" on <html>, so .js-only elements show and .no-js-only hide;
 *   - the quick exit (#quick-exit): on click, the page is emptied and the
 *     browser goes to the link's target with location.replace, so Back does
 *     not return here; Escape pressed three times within 2 seconds does the
 *     same (the help page documents both);
 *   - #btn-print prints the page;
 *   - on the start page, #answers-file reads a chosen saved-answers file
 *     (at most 4 KiB, the server's cap on one form value) into the answers_json text area of #load-form. The
 *     file stays on this device until the user presses the form's button.
 * Nothing else: no network requests, no storage of any kind (no cookies, no
 * web storage), no timers.
 */
(function () {
  'use strict';

  var ESCAPE_PRESSES = 3;
  var ESCAPE_WINDOW_MS = 2000;
  var ANSWERS_FILE_MAX = 4096;  /* the server's cap on one form value (FORM_VALUE_MAX) */

  document.documentElement.classList.add('js');

  /* ---- quick exit ---- */

  var exitLink = document.getElementById('quick-exit');
  var leaving = false;

  function quickExit() {
    var target = exitLink ? exitLink.href : 'about:blank';
    if (leaving) return;
    leaving = true;
    /* Hide what was on the screen at once, even if the next site is slow. */
    document.title = '';
    if (document.body) {
      while (document.body.firstChild) {
        document.body.removeChild(document.body.firstChild);
      }
    }
    window.location.replace(target);
  }

  if (exitLink) {
    exitLink.addEventListener('click', function (ev) {
      /* Let a modified click (new tab, new window) behave as usual. */
      if (ev.button !== 0 || ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.altKey) return;
      ev.preventDefault();
      quickExit();
    });
  }

  var escapeTimes = [];
  document.addEventListener('keydown', function (ev) {
    if (ev.key !== 'Escape' && ev.key !== 'Esc') return;
    var now = Date.now();
    escapeTimes.push(now);
    while (escapeTimes.length && now - escapeTimes[0] > ESCAPE_WINDOW_MS) {
      escapeTimes.shift();
    }
    if (escapeTimes.length >= ESCAPE_PRESSES) {
      escapeTimes = [];
      quickExit();
    }
  });

  /* ---- print ---- */

  var printButton = document.getElementById('btn-print');
  if (printButton) {
    printButton.addEventListener('click', function (ev) {
      ev.preventDefault();
      window.print();
    });
  }

  /* ---- saved answers file (start page) ---- */

  var fileInput = document.getElementById('answers-file');
  var loadForm = document.getElementById('load-form');
  var area = loadForm ? loadForm.querySelector('textarea[name="answers_json"]') : null;
  var fileMsg = document.getElementById('answers-file-msg');

  function say(text) {
    if (fileMsg) fileMsg.textContent = text || '';
  }

  if (fileInput && area && typeof FileReader === 'function') {
    fileInput.addEventListener('change', function () {
      var file = fileInput.files && fileInput.files[0];
      say('');
      if (!file) return;
      if (file.size > ANSWERS_FILE_MAX) {
        fileInput.value = '';
        say(fileInput.getAttribute('data-msg-too-big'));
        return;
      }
      var reader = new FileReader();
      reader.addEventListener('load', function () {
        area.value = typeof reader.result === 'string' ? reader.result : '';
        fileInput.value = '';
        say(fileInput.getAttribute('data-msg-loaded'));
        area.focus();
      });
      reader.addEventListener('error', function () {
        fileInput.value = '';
        say(fileInput.getAttribute('data-msg-unreadable'));
      });
      reader.readAsText(file, 'utf-8');
    });
  }
})();
