// One click sends the appeal once: the button is disabled after the form is submitted.
(function () {
  var form = document.getElementById("appeal-form");
  if (!form) { return; }
  form.addEventListener("submit", function (e) {
    var button = document.getElementById("appeal-submit");
    if (button.disabled) { e.preventDefault(); return; }
    setTimeout(function () { button.disabled = true; }, 0);
  });
})();
