// Follows one run over Server-Sent Events and updates the page in place: status, phases,
// progress bars, verification, rollback and the timeline. Text only ever goes in as textContent.
(function () {
  'use strict';
  var run = document.getElementById('run');
  if (!run || !window.EventSource) {
    return;
  }
  var live = document.getElementById('live');
  var url = '/migrations/' + encodeURIComponent(run.dataset.migrationId) + '/events';
  if (run.dataset.lastEventId) {
    url += '?lastEventId=' + encodeURIComponent(run.dataset.lastEventId);
  }
  var source = new EventSource(url);
  source.onopen = function () { live.textContent = 'live'; };
  source.onerror = function () { live.textContent = 'reconnecting…'; };
  run.dataset.eventTypes.split(' ').forEach(function (type) {
    source.addEventListener(type, function (message) { apply(JSON.parse(message.data)); });
  });

  function clock(iso) {
    return iso ? new Date(iso).toISOString().substring(11, 19) : '';
  }

  function time(iso) {
    var element = document.createElement('time');
    element.dateTime = iso;
    element.textContent = clock(iso);
    return element;
  }

  // The server says each badge's word and tone (StatusWords): the page only shows them.
  function setBadge(element, status, badge) {
    element.textContent = badge.word;
    element.dataset.status = status;
    element.className = element.className.replace(/(^|\s)tone-[a-z]+(?=\s|$)/g, '').trim() + ' tone-' + badge.tone;
  }

  // A run waiting for its maintenance window counts down to it, as `jsonmig watch` does.
  function countdown() {
    document.querySelectorAll('#progress li[data-opens-at]').forEach(function (item) {
      var opens = Date.parse(item.dataset.opensAt);
      var seconds = Math.ceil((opens - Date.now()) / 1000);
      item.querySelector('.bar-text').textContent = seconds > 0
          ? 'maintenance window opens in ' + duration(seconds) + ' (' + clock(item.dataset.opensAt) + ' UTC)'
          : 'maintenance window opened at ' + clock(item.dataset.opensAt) + ' UTC';
    });
  }

  function duration(seconds) {
    return seconds < 60 ? seconds + ' s'
        : seconds < 3600 ? Math.floor(seconds / 60) + ' min ' + seconds % 60 + ' s'
        : Math.floor(seconds / 3600) + ' h ' + Math.floor(seconds % 3600 / 60) + ' min';
  }
  setInterval(countdown, 1000);

  // The window after the cut-over counts down to its end, as `jsonmig status` says it.
  function windowCountdown() {
    var section = document.getElementById('window');
    if (!section || !section.dataset.endsAt || section.dataset.open !== 'true') {
      return;
    }
    var seconds = Math.max(0, Math.ceil((Date.parse(section.dataset.endsAt) - Date.now()) / 1000));
    document.getElementById('window-text').textContent = 'open until '
        + new Date(section.dataset.endsAt).toISOString().substring(0, 19).replace('T', ' ') + ' UTC ('
        + duration(seconds) + ' left): the JSON files are the way back until then';
  }
  setInterval(windowCountdown, 1000);

  function applyWindow(window) {
    var section = document.getElementById('window');
    if (!window || !section) {
      return;
    }
    section.hidden = false;
    section.dataset.open = String(window.open);
    if (window.endsAt) {
      section.dataset.endsAt = window.endsAt;
    } else {
      delete section.dataset.endsAt;
    }
    document.getElementById('window-text').textContent = window.text;
  }

  function apply(update) {
    run.dataset.lastEventId = update.event.eventId;
    setBadge(document.getElementById('status'), update.status, update.badge);
    document.getElementById('phase').textContent = update.phaseName || '–';
    update.phases.forEach(applyPhase);
    if (update.progress) {
      applyProgress(update.progress);
    }
    if (update.entry) {
      addEntry(update.entry);
    }
    applyWindow(update.window);
    applyOutcome(update);
  }

  function applyPhase(phase) {
    var row = Array.prototype.find.call(document.querySelectorAll('#phases tr'),
        function (r) { return r.dataset.phase === phase.phase; });
    if (!row) {
      return;
    }
    setBadge(row.querySelector('.phase-status'), phase.status, phase.badge);
    row.querySelector('.started').replaceChildren(phase.startedAt ? time(phase.startedAt) : '');
    row.querySelector('.finished').replaceChildren(phase.finishedAt ? time(phase.finishedAt) : '');
    row.querySelector('.took').textContent = phase.duration || '';
    row.querySelector('.detail').textContent = phase.detail || '';
  }

  function applyProgress(progress) {
    var list = document.getElementById('progress');
    var item = Array.prototype.find.call(list.children, function (li) { return li.dataset.key === progress.key; });
    if (item && Number(item.dataset.done) > progress.done) {
      return; // an older report, replayed late: the bar never goes back
    }
    if (!item) {
      item = newBar(list, progress);
    }
    item.dataset.done = progress.done;
    var bar = item.querySelector('progress');
    if (progress.opensAt) {
      item.dataset.opensAt = progress.opensAt;
      bar.hidden = true;
    } else if (progress.percent >= 0) {
      bar.max = progress.total > 0 ? progress.total : 1;
      bar.value = progress.total > 0 ? Math.min(progress.done, progress.total) : 1;
      bar.textContent = progress.percent + '%';
    } else {
      bar.removeAttribute('value');
    }
    item.querySelector('.bar-text').textContent = progress.label;
    document.getElementById('no-progress').hidden = true;
  }

  function newBar(list, progress) {
    var id = 'bar-' + list.children.length;
    var item = document.createElement('li');
    item.dataset.key = progress.key;
    var name = document.createElement('span');
    name.className = 'bar-name';
    name.id = id;
    name.textContent = progress.name;
    var bar = document.createElement('progress');
    bar.setAttribute('aria-labelledby', id);
    bar.setAttribute('aria-describedby', id + '-text');
    var text = document.createElement('span');
    text.className = 'bar-text';
    text.id = id + '-text';
    item.append(name, bar, text);
    // Phase order, then item by name, as the server lists them.
    var order = ['BACKUP', 'MIGRATION', 'VERIFICATION', 'CUTOVER', 'ROLLBACK'];
    var rank = function (key) {
      var parts = key.split('/');
      return [order.indexOf(parts[0]), parts.slice(1).join('/')];
    };
    var mine = rank(progress.key);
    var after = Array.prototype.find.call(list.children, function (li) {
      var theirs = rank(li.dataset.key);
      return theirs[0] > mine[0] || (theirs[0] === mine[0] && theirs[1] > mine[1]);
    });
    list.insertBefore(item, after || null);
    return item;
  }

  function addEntry(entry) {
    var timeline = document.getElementById('timeline');
    var entries = Array.prototype.slice.call(timeline.children);
    if (entries.some(function (li) { return li.dataset.eventId === entry.eventId; })) {
      return;
    }
    var item = document.createElement('li');
    item.className = 'fresh';
    item.dataset.eventId = entry.eventId;
    item.dataset.occurredAt = entry.occurredAt;
    var type = document.createElement('span');
    type.className = 'type';
    type.textContent = entry.type;
    var text = document.createElement('span');
    text.className = 'text';
    text.textContent = entry.summary;
    var producer = document.createElement('span');
    producer.className = 'producer';
    producer.textContent = entry.producer + (entry.attempt > 1 ? ' · attempt ' + entry.attempt : '');
    item.append(time(entry.occurredAt), ' ', type, ' ', text, ' ', producer);
    // Oldest first, like the run state: an event that happened earlier goes before later ones.
    var at = Date.parse(entry.occurredAt);
    var later = entries.find(function (li) { return Date.parse(li.dataset.occurredAt) > at; });
    timeline.insertBefore(item, later || null);
  }

  function applyOutcome(update) {
    document.getElementById('failure').hidden = !update.failureReason;
    document.getElementById('failure-reason').textContent = update.failureReason || '';
    var trigger = document.getElementById('rollback-trigger');
    trigger.hidden = !update.rollbackTrigger;
    trigger.querySelector('strong').textContent = update.rollbackTrigger || '';
    fillList(document.getElementById('rollback-actions'), update.rollbackActions || []);
    document.getElementById('rollback').hidden = !(update.rollbackActions || []).length;
    var checks = update.checks || [];
    document.getElementById('verification').hidden = !checks.length;
    document.getElementById('checks').replaceChildren.apply(document.getElementById('checks'), checks.map(checkRow));
    if (update.reportLocation) {
      showReport(update.reportLocation, update.reportPage);
    }
  }

  // A link to the report's page for people when it has one (http), else where the report lies.
  function showReport(location, page) {
    var report = document.getElementById('report');
    if (page) {
      var link = document.createElement('a');
      link.id = 'report-link';
      link.href = page;
      link.textContent = 'The verification report';
      var json = document.createElement('a');
      json.href = location;
      json.textContent = 'as JSON';
      var small = document.createElement('span');
      small.className = 'small';
      small.append('(', json, ')');
      report.replaceChildren(link, ' ', small);
    } else {
      var code = document.createElement('code');
      code.textContent = location;
      report.replaceChildren('Report: ', code);
    }
    report.hidden = false;
  }

  function fillList(list, lines) {
    list.replaceChildren.apply(list, lines.map(function (line) {
      var item = document.createElement('li');
      item.textContent = line;
      return item;
    }));
  }

  function checkRow(check) {
    var row = document.createElement('tr');
    row.className = check.passed ? 'passed' : 'failed';
    var labels = ['Collection', 'Table', 'Expected', 'Actual', 'Result'];
    [check.collection, check.table, check.expected, check.actual, check.passed ? 'passed' : 'failed']
        .forEach(function (value, index) {
          var cell = document.createElement('td');
          cell.dataset.label = labels[index];
          cell.textContent = value;
          row.append(cell);
        });
    return row;
  }
})();
