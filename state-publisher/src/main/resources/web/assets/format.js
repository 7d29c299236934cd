/* Formatting of Timing71 values for the timing screen. No dependencies, no build step. */
'use strict';

const PitwallFormat = (() => {

  /** A cell is a value or [value, flag]; returns {value, flag}. */
  function cell(raw) {
    if (Array.isArray(raw)) {
      return { value: raw[0], flag: raw.length > 1 && raw[1] ? String(raw[1]) : '' };
    }
    return { value: raw, flag: '' };
  }

  function pad(n, width) {
    return String(n).padStart(width, '0');
  }

  /** 92.82 -> "1:32.820", 32.81 -> "32.810"; strings (already formatted) pass through. */
  function lapTime(value) {
    if (value === null || value === undefined || value === '') return '';
    if (typeof value !== 'number') return String(value);
    if (!isFinite(value) || value <= 0) return '';
    const millis = Math.round(value * 1000);
    const minutes = Math.floor(millis / 60000);
    const seconds = (millis % 60000) / 1000;
    if (minutes === 0) return seconds.toFixed(3);
    return minutes + ':' + pad(seconds.toFixed(3), 6);
  }

  /** Gap / interval: "" for the leader, "2 laps", or seconds. */
  function delta(value) {
    if (value === null || value === undefined || value === '') return '';
    if (typeof value === 'number') return value === 0 ? '' : value.toFixed(3);
    return String(value);
  }

  /** Session clock, hours not wrapped: 87045 -> "24:10:45". */
  function clock(seconds) {
    if (seconds === null || seconds === undefined || !isFinite(seconds)) return '--:--:--';
    const s = Math.max(0, Math.floor(seconds));
    return pad(Math.floor(s / 3600), 2) + ':' + pad(Math.floor(s / 60) % 60, 2) + ':' + pad(s % 60, 2);
  }

  /** Message timestamps: unix seconds in recorded data, milliseconds in newer producers. */
  function messageTime(ts) {
    if (typeof ts !== 'number') return '';
    const d = new Date(ts > 1e12 ? ts : ts * 1000);
    return pad(d.getHours(), 2) + ':' + pad(d.getMinutes(), 2) + ':' + pad(d.getSeconds(), 2);
  }

  function formatValue(type, value) {
    switch (type) {
      case 'time':
      case 'laptime':
        return lapTime(value);
      case 'delta':
        return delta(value);
      default:
        return value === null || value === undefined ? '' : String(value);
    }
  }

  const FLAG_LABELS = {
    none: 'No session', green: 'Green flag', white: 'White flag', chequered: 'Chequered flag',
    yellow: 'Yellow flag', fcy: 'Full course yellow', code_60: 'Code 60', vsc: 'Virtual safety car',
    sc: 'Safety car', caution: 'Caution', red: 'Red flag', slow_zone: 'Slow zone',
    code_60_zone: 'Code 60 zone'
  };

  function flagLabel(flag) {
    return FLAG_LABELS[flag] || String(flag || 'none').replace(/_/g, ' ');
  }

  /** Classes get stable colours: well-known ones as series show them, the rest from a palette by name. */
  const KNOWN_CLASSES = [
    [/hypercar|lmh|lmdh|gtp|lmp1|dpi/i, '#e10600'],
    [/lmp2/i, '#1d6cff'],
    [/lmp3/i, '#9b30d9'],
    [/gte.?pro|gtlm|gt.?pro/i, '#0aa64b'],
    [/gte.?am|gtd|gt.?am|lmgt3|lmgte|gte/i, '#f28c00'],
    [/gt3/i, '#e3b505'],
    [/gt4/i, '#00a3c4'],
    [/tcr|touring/i, '#c2185b']
  ];
  const PALETTE = ['#1d6cff', '#e10600', '#0aa64b', '#f28c00', '#9b30d9', '#00a3c4', '#e3b505', '#c2185b', '#6d8b1f', '#8c6d5a'];

  function classColour(name) {
    const n = String(name || '');
    for (const [pattern, colour] of KNOWN_CLASSES) {
      if (pattern.test(n)) return colour;
    }
    let hash = 0;
    for (let i = 0; i < n.length; i++) hash = (hash * 31 + n.charCodeAt(i)) | 0;
    return PALETTE[Math.abs(hash) % PALETTE.length];
  }

  return { cell, lapTime, delta, clock, messageTime, formatValue, flagLabel, classColour };
})();
