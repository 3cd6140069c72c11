// The search filters fold away behind a button on phones (so that the first results show on the first
// screen) and stay open on wider screens. Without this script they are folded everywhere, one tap away.
(function () {
  var filters = document.querySelector("details.search-more");
  if (filters && window.matchMedia("(min-width: 48em)").matches) {
    filters.open = true;
  }
})();
