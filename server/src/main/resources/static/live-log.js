// The live tail of the "Логи" tab: an EventSource on the server's log stream. The browser resends
// the last id it saw (Last-Event-ID) when it reconnects, so no entry is lost or shown twice.
(function () {
  var table = document.getElementById('live-log');
  if (!table || !window.EventSource) { return; }
  var body = table.querySelector('tbody');
  var params = new URLSearchParams({ after: table.dataset.after || '0' });
  if (table.dataset.run) { params.set('run', table.dataset.run); }
  if (table.dataset.task) { params.set('task', table.dataset.task); }
  var source = new EventSource('/api/v1/logs/stream?' + params.toString());
  source.addEventListener('log', function (event) {
    var e = JSON.parse(event.data);
    var row = document.createElement('tr');
    row.className = 'level-' + e.level;
    [e.at, e.level, e.taskName, e.runId == null ? '' : String(e.runId), e.message].forEach(function (text) {
      var cell = document.createElement('td');
      cell.textContent = text;
      row.appendChild(cell);
    });
    body.insertBefore(row, body.firstChild);
    while (body.rows.length > 500) { body.deleteRow(body.rows.length - 1); }
  });
})();
