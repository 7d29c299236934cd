/*
 * Pitwall live timing page: a directory of live sessions, and a timing screen fed by the publisher's
 * Timing71 WebSocket (/t71/{uuid}). Every message is a full snapshot, so the screen keeps only the
 * newest one and renders at most once per animation frame; the DOM is patched cell by cell so rows
 * keep their identity (and their flash animation) while they move.
 */
'use strict';

(() => {
  const F = PitwallFormat;
  const $ = (id) => document.getElementById(id);

  /** Under these flags the session clock runs on between two states. */
  const CLOCK_RUNS = new Set(['green', 'white', 'yellow', 'fcy', 'code_60', 'vsc', 'sc', 'caution', 'slow_zone', 'code_60_zone']);
  const DIRECTORY_REFRESH_MS = 5000;
  const MAX_BACKOFF_MS = 15000;

  // ---------------------------------------------------------------- routing

  function route() {
    const match = location.pathname.match(/^\/services\/([A-Za-z0-9_-]+)\/?$/);
    if (match) {
      showTiming(match[1]);
    } else {
      showDirectory();
    }
  }

  function setStatus(status, label) {
    const el = $('link-status');
    el.dataset.status = status;
    $('link-label').textContent = label;
  }

  function escapeHtml(s) {
    return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
  }

  // ---------------------------------------------------------------- directory

  async function loadDirectory() {
    try {
      const response = await fetch('/api/services', { cache: 'no-cache' });
      if (response.status === 503) {
        $('directory-hint').textContent = 'The timing server is starting…';
        setStatus('connecting', 'starting');
        return;
      }
      if (!response.ok) throw new Error('HTTP ' + response.status);
      const body = await response.json();
      renderDirectory(body.services || [], body.default);
      setStatus('live', 'online');
    } catch (e) {
      $('directory-hint').textContent = 'Cannot reach the timing server; retrying…';
      setStatus('offline', 'offline');
    }
  }

  function renderDirectory(services, defaultUuid) {
    const list = $('service-list');
    $('directory-hint').textContent = services.length === 0
      ? 'No live sessions right now. This page updates by itself.'
      : '';
    list.innerHTML = services.map((s) => {
      const started = s.startTime ? new Date(s.startTime * 1000).toLocaleString() : '';
      const source = Array.isArray(s.source) ? s.source[0] : '';
      return '<li class="service' + (s.uuid === defaultUuid ? ' default' : '') + '">'
        + '<a href="/services/' + encodeURIComponent(s.uuid) + '" data-uuid="' + escapeHtml(s.uuid) + '">'
        + '<span class="service-name">' + escapeHtml(s.name || s.uuid) + '</span>'
        + '<span class="service-desc">' + escapeHtml(s.description || '') + '</span>'
        + '<span class="service-meta">' + escapeHtml([source, started].filter(Boolean).join(' · ')) + '</span>'
        + '</a></li>';
    }).join('');
  }

  function showDirectory() {
    document.title = 'Pitwall Live Timing';
    $('session-title').textContent = '';
    $('timing-view').hidden = true;
    $('directory-view').hidden = false;
    loadDirectory();
    setInterval(loadDirectory, DIRECTORY_REFRESH_MS);
  }

  // ---------------------------------------------------------------- timing screen

  const screen = {
    uuid: null,
    socket: null,
    attempt: 0,
    ended: false,
    manifest: null,
    columns: [],
    numIndex: 0,
    classIndex: -1,
    state: null,
    stateReceivedAt: 0,
    renderQueued: false,
    rows: new Map(),
    messagesKey: '',
    renders: 0
  };

  function showTiming(uuid) {
    screen.uuid = uuid;
    $('directory-view').hidden = true;
    $('timing-view').hidden = false;
    connect();
    setInterval(tickClock, 250);
  }

  function socketUrl(uuid) {
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    return scheme + '//' + location.host + '/t71/' + encodeURIComponent(uuid);
  }

  function connect() {
    setStatus(screen.attempt === 0 ? 'connecting' : 'reconnecting', screen.attempt === 0 ? 'connecting' : 'reconnecting');
    const socket = new WebSocket(socketUrl(screen.uuid));
    screen.socket = socket;
    socket.onopen = () => {
      screen.attempt = 0;
      setStatus('live', 'live');
    };
    socket.onmessage = (event) => onMessage(event.data);
    socket.onclose = (event) => {
      if (screen.socket !== socket) return;
      if (event.code === 1000 && event.reason === 'service ended') {
        sessionEnded();
        return;
      }
      scheduleReconnect();
    };
  }

  async function scheduleReconnect() {
    screen.attempt += 1;
    setStatus('reconnecting', 'reconnecting');
    // a service that no longer exists will not come back: stop instead of retrying forever
    if (screen.attempt >= 3) {
      try {
        const r = await fetch('/api/services/' + encodeURIComponent(screen.uuid) + '/manifest', { cache: 'no-cache' });
        if (r.status === 404) {
          sessionEnded();
          return;
        }
      } catch (e) { /* server unreachable: keep trying */ }
    }
    const base = Math.min(MAX_BACKOFF_MS, 500 * Math.pow(2, screen.attempt));
    setTimeout(connect, base + Math.random() * base * 0.3);
  }

  function sessionEnded() {
    screen.ended = true;
    setStatus('ended', 'session ended');
    const hint = $('timing-hint');
    hint.hidden = false;
    hint.innerHTML = 'This session has ended. <a href="/">Live sessions</a>';
  }

  function onMessage(text) {
    let message;
    try {
      message = JSON.parse(text);
    } catch (e) {
      return;
    }
    if (message.type === 'MANIFEST_UPDATE') {
      applyManifest(message.manifest);
    } else if (message.type === 'STATE_UPDATE') {
      screen.state = message.state;
      screen.stateReceivedAt = Date.now();
    } else {
      return;
    }
    if (!screen.renderQueued) {
      screen.renderQueued = true;
      requestAnimationFrame(render);
    }
  }

  function applyManifest(manifest) {
    screen.manifest = manifest;
    const spec = Array.isArray(manifest.colSpec) ? manifest.colSpec : [];
    screen.columns = spec.map((c, i) => ({
      name: String(c[0]), type: String(c[1] || 'text'), title: c[2] ? String(c[2]) : String(c[0]), index: i
    }));
    screen.numIndex = Math.max(0, screen.columns.findIndex((c) => c.name === 'Num'));
    screen.classIndex = screen.columns.findIndex((c) => c.type === 'class');
    document.title = (manifest.name || 'Live timing') + ' – Pitwall';
    $('session-title').innerHTML = '<span class="session-name">' + escapeHtml(manifest.name || '') + '</span>'
      + '<span class="session-desc">' + escapeHtml(manifest.description || '') + '</span>';
    const head = $('timing-head');
    head.innerHTML = '<th class="col-pos" title="Position">Pos</th>' + screen.columns.map((c) =>
      '<th class="' + columnClass(c) + '" title="' + escapeHtml(c.title) + '">' + escapeHtml(c.name) + '</th>').join('');
    // a new column layout: rebuild rows from scratch
    $('timing-body').innerHTML = '';
    screen.rows.clear();
  }

  function columnClass(column) {
    return 'col-' + column.name.toLowerCase().replace(/[^a-z0-9]+/g, '-') + ' type-' + column.type;
  }

  // ---------------------------------------------------------------- rendering

  function render() {
    screen.renderQueued = false;
    const state = screen.state;
    if (!state || !screen.manifest) return;
    renderSession(state.session || {});
    renderCars(state.cars || [], new Set((state.highlight || []).map(String)));
    renderMessages(state.messages || []);
    $('timing-hint').hidden = !screen.ended && (state.cars || []).length > 0;
    if ((state.cars || []).length === 0 && !screen.ended) $('timing-hint').textContent = 'No cars yet.';
    screen.renders += 1;
    $('timing-table').dataset.renders = String(screen.renders);
  }

  function renderSession(session) {
    const flag = session.flagState || 'none';
    const flagEl = $('flag');
    if (flagEl.dataset.flag !== flag) {
      flagEl.dataset.flag = flag;
      $('flag-label').textContent = F.flagLabel(flag);
    }
    const spec = (screen.manifest && screen.manifest.trackDataSpec) || [];
    const values = session.trackData || [];
    const html = spec.map((label, i) => values[i] === undefined || values[i] === '' ? ''
      : '<span class="track-item"><span class="track-label">' + escapeHtml(label) + '</span>'
        + '<span class="track-value">' + escapeHtml(values[i]) + '</span></span>').join('');
    const track = $('track-data');
    if (track.dataset.html !== html) {
      track.dataset.html = html;
      track.innerHTML = html;
    }
    tickClock();
  }

  function tickClock() {
    const state = screen.state;
    if (!state) return;
    const session = state.session || {};
    const running = CLOCK_RUNS.has(session.flagState);
    const since = running ? (Date.now() - screen.stateReceivedAt) / 1000 : 0;
    const elapsed = typeof session.timeElapsed === 'number' ? session.timeElapsed + since : null;
    $('clock-elapsed').textContent = F.clock(elapsed);
    if (typeof session.lapsRemain === 'number') {
      $('remain-label').textContent = 'Laps to go';
      $('clock-remain').textContent = String(Math.max(0, session.lapsRemain));
    } else {
      $('remain-label').textContent = 'Remaining';
      const remain = typeof session.timeRemain === 'number' ? session.timeRemain - since : null;
      $('clock-remain').textContent = F.clock(remain);
    }
  }

  function renderCars(cars, highlight) {
    const body = $('timing-body');
    const seen = new Set();
    let previous = null;
    cars.forEach((car, position) => {
      const number = String(F.cell(car[screen.numIndex]).value);
      seen.add(number);
      let row = screen.rows.get(number);
      if (!row) {
        row = createRow(number);
        screen.rows.set(number, row);
      }
      const expectedAt = previous ? previous.nextSibling : body.firstChild;
      if (row !== expectedAt) body.insertBefore(row, expectedAt);
      previous = row;
      updateRow(row, car, position + 1);
      if (highlight.has(number)) flash(row);
    });
    for (const [number, row] of screen.rows) {
      if (!seen.has(number)) {
        row.remove();
        screen.rows.delete(number);
      }
    }
  }

  function createRow(number) {
    const row = document.createElement('tr');
    row.dataset.car = number;
    const pos = document.createElement('td');
    pos.className = 'col-pos';
    row.appendChild(pos);
    for (const column of screen.columns) {
      const td = document.createElement('td');
      td.dataset.col = column.name;
      td.className = columnClass(column);
      row.appendChild(td);
    }
    return row;
  }

  function setCell(td, text, className, html) {
    if (td._text !== text) {
      td._text = text;
      if (html !== undefined) td.innerHTML = html; else td.textContent = text;
    }
    if (td._class !== className) {
      td._class = className;
      td.className = className;
    }
  }

  function flagClasses(flag) {
    return flag ? ' ' + flag.split(/\s+/).map((f) => f.replace(/[^A-Za-z0-9_-]/g, '')).filter(Boolean).join(' ') : '';
  }

  function updateRow(row, car, position) {
    const cells = row.children;
    setCell(cells[0], String(position), 'col-pos');
    const className = screen.classIndex >= 0 ? String(F.cell(car[screen.classIndex]).value || '') : '';
    const colour = F.classColour(className);
    if (row._colour !== colour) {
      row._colour = colour;
      row.style.setProperty('--class-colour', colour);
    }
    for (const column of screen.columns) {
      const td = cells[column.index + 1];
      const { value, flag } = F.cell(car[column.index]);
      const base = columnClass(column) + flagClasses(flag);
      if (column.type === 'class') {
        const text = String(value || '');
        setCell(td, text, base, text ? '<span class="class-chip">' + escapeHtml(text) + '</span>' : '');
      } else if (column.name === 'Num') {
        const text = String(value);
        setCell(td, text, base, '<span class="car-number">' + escapeHtml(text) + '</span>');
      } else if (column.name === 'State') {
        const text = String(value || '');
        setCell(td, text, base + ' state-' + text.replace(/[^A-Za-z0-9]/g, ''));
      } else {
        setCell(td, F.formatValue(column.type, value), base);
      }
    }
  }

  function flash(row) {
    row.classList.remove('flash');
    // restart the animation: a reflow between removing and adding the class
    void row.offsetWidth;
    row.classList.add('flash');
  }

  function renderMessages(messages) {
    const key = messages.length + ':' + JSON.stringify(messages[0] || null);
    if (key === screen.messagesKey) return;
    screen.messagesKey = key;
    $('message-list').innerHTML = messages.slice(0, 100).map((m) => {
      const style = m[3] ? String(m[3]).replace(/[^A-Za-z0-9_-]/g, '') : '';
      return '<li class="msg' + (style ? ' msg-' + style : '') + '">'
        + '<span class="msg-time">' + escapeHtml(F.messageTime(m[0])) + '</span>'
        + '<span class="msg-cat">' + escapeHtml(m[1] || '') + '</span>'
        + '<span class="msg-text">' + escapeHtml(m[2] || '') + '</span></li>';
    }).join('');
  }

  route();
})();
