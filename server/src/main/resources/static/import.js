// "Импорт релиза из файла" on Технические работы: the chosen bundle goes as the request body (not
// multipart), so XMLHttpRequest reports the upload's progress; the console's CSRF header comes
// from the page's meta tags. The verdict (JSON, in the console's language) is shown under the
// form; an accepted release gets its "Установить версию X из файла" button at once.
(function () {
  var form = document.getElementById('import-form');
  if (!form) {
    return;
  }
  var input = document.getElementById('import-file');
  var progress = document.getElementById('import-progress');
  var status = document.getElementById('import-status');
  var result = document.getElementById('import-result');
  var button = document.getElementById('import-send');

  function meta(name) {
    var m = document.querySelector('meta[name="' + name + '"]');
    return m ? m.getAttribute('content') : null;
  }

  function show(ok, text) {
    result.hidden = false;
    result.className = 'banner ' + (ok ? 'ok' : 'error');
    result.textContent = text;
  }

  function mb(bytes) {
    var text = (bytes / 1048576).toFixed(1);
    return document.documentElement.lang === 'ru' ? text.replace('.', ',') : text;
  }

  function installButton(version, label) {
    var f = document.createElement('form');
    f.method = 'post';
    f.action = form.getAttribute('action') + '/install';
    f.className = 'import-install';
    [['version', version], ['_csrf', meta('_csrf')]].forEach(function (p) {
      var i = document.createElement('input');
      i.type = 'hidden';
      i.name = p[0];
      i.value = p[1];
      f.appendChild(i);
    });
    var b = document.createElement('button');
    b.type = 'submit';
    b.className = 'big';
    b.setAttribute('data-version', version);
    b.textContent = label;
    f.appendChild(b);
    var list = document.getElementById('imported');
    Array.prototype.forEach.call(list.querySelectorAll('button[data-version="' + version + '"]'), function (old) {
      list.removeChild(old.parentNode);
    });
    list.appendChild(f);
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var file = input.files && input.files[0];
    if (!file) {
      show(false, form.getAttribute('data-choose'));
      return;
    }
    var xhr = new XMLHttpRequest();
    xhr.open('POST', form.getAttribute('action') + '?name=' + encodeURIComponent(file.name));
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    var header = meta('_csrf_header');
    if (header) {
      xhr.setRequestHeader(header, meta('_csrf'));
    }
    xhr.setRequestHeader('Accept', 'application/json');
    progress.hidden = false;
    progress.value = 0;
    button.disabled = true;
    result.hidden = true;
    xhr.upload.addEventListener('progress', function (p) {
      if (p.lengthComputable) {
        progress.value = Math.floor(p.loaded * 100 / p.total);
        status.textContent = form.getAttribute('data-sending') + ' ' + mb(p.loaded) + ' / ' + mb(p.total) + ' ' + form.getAttribute('data-mb');
      }
    });
    xhr.upload.addEventListener('load', function () {
      progress.value = 100;
    });
    xhr.addEventListener('load', function () {
      button.disabled = false;
      status.textContent = '';
      var answer = null;
      try {
        answer = JSON.parse(xhr.responseText);
      } catch (ignored) {
        answer = null;
      }
      if (answer && answer.message) {
        show(answer.ok === true, answer.message);
        if (answer.ok === true) {
          installButton(answer.version, answer.install);
        }
      } else {
        show(false, form.getAttribute('data-failed') + ' (HTTP ' + xhr.status + ')');
      }
    });
    xhr.addEventListener('error', function () {
      button.disabled = false;
      status.textContent = '';
      show(false, form.getAttribute('data-failed'));
    });
    xhr.send(file);
  });
})();
