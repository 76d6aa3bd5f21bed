// Behaviour the console's pages share, kept out of the HTML so that the Content-Security-Policy
// can refuse every inline script: a form with data-confirm asks its question before it is sent.
(function () {
  document.addEventListener('submit', function (e) {
    var form = e.target;
    var question = form && form.getAttribute && form.getAttribute('data-confirm');
    if (question && !window.confirm(question)) {
      e.preventDefault();
    }
  }, true);
})();
