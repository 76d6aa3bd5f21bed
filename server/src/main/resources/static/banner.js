// Ticks the mm:ss left in the countdown banner. The banner itself is re-read by htmx every few
// seconds (layout.html), so this only keeps the number moving between two reads.
(function () {
  function tick() {
    var banner = document.getElementById('update-banner');
    if (!banner || banner.getAttribute('data-phase') !== 'COUNTDOWN') { return; }
    var deadline = Date.parse(banner.getAttribute('data-deadline'));
    var out = banner.querySelector('.countdown-left');
    if (!out || isNaN(deadline)) { return; }
    var left = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
    out.textContent = Math.floor(left / 60) + ':' + String(left % 60).padStart(2, '0');
  }
  document.addEventListener('DOMContentLoaded', tick);
  document.addEventListener('htmx:afterSwap', tick);
  setInterval(tick, 500);
})();
