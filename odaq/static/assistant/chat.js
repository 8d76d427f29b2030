// After a question is answered through htmx: empty the form and its error box.
document.addEventListener("htmx:afterRequest", function (event) {
  var form = event.target.closest ? event.target.closest("form[data-reset-on-success]") : null;
  if (!form || !event.detail.successful) { return; }
  form.reset();
  var box = document.getElementById("ask-errors-box");
  if (box) { box.innerHTML = ""; }
});
