// After a failed submit the error summary has the focus: browsers that do
// not honour its autofocus attribute get it here. Without JavaScript the
// attribute alone does it.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.querySelector(".error-summary");
  if (summary && document.activeElement !== summary && !summary.contains(document.activeElement)) {
    summary.focus();
  }
});
