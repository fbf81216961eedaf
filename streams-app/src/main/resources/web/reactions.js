/*
 * Tables and charts of market reactions, shared by the offline report and the live page. Every text from
 * the data (headlines, sources, tickers) goes into the page with textContent, never as HTML.
 *
 * Times are shown in the exchange's time zone with its abbreviation ("09:35 EST"): the page's
 * <html data-zone="..."> (the setting exchange.zone), or a chart's own "zone".
 */
(function (global) {
  'use strict';

  const COLORS = {stock: '#1f5fa8', bench: '#8a8a8a', expected: '#2a8f3a', band: 'rgba(42,143,58,0.13)',
    volume: 'rgba(120,120,120,0.45)', normal: '#b36b00', t0: '#d62728', news: '#9467bd', horizon: '#555',
    clipped: '#b36b00', closed: 'rgba(0,0,0,0.045)'};

  const DEFAULT_ZONE = 'America/New_York';

  /** What each flag means, for its title; a flag not listed here is shown by its name. */
  const FLAGS = {
    NO_BASELINE: ['no baseline', 'no trade of the ticker in the look-back before the news: no price to measure from'],
    NO_TICKS_IN_WINDOW: ['no trades', 'no trade of the ticker in this window: the return is 0 or none'],
    NO_BENCHMARK: ['no benchmark', 'no trade of the benchmark before the news: no market model'],
    IS_BENCHMARK: ['benchmark', 'the ticker is the benchmark itself: no market model'],
    LATE_NEWS: ['late news', 'the news arrived late: computed from the history still held'],
    HISTORY_TRUNCATED: ['history cut', 'the news needed history already dropped: baseline or model may miss trades'],
    BENCHMARK_STALLED: ['benchmark stalled',
      'closed without the benchmark\'s trades up to the close (it was silent): the model\'s numbers may miss trades'],
    SHORT_ESTIMATION: ['short estimation',
      'the model was estimated from fewer points than min.points: take its z and band with care'],
    FEW_VOLUME_MINUTES: ['few volume minutes',
      'the normal volume comes from fewer estimation minutes than min.points: the volume ratio is rough'],
    INPUT_ENDED_EARLY: ['data ended early', 'the data ended before this window\'s end: the return covers less time']
  };

  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) {
      e.textContent = String(text);
    }
    if (cls) {
      e.className = cls;
    }
    return e;
  }

  function pct(v) {
    return v === null || v === undefined ? '' : (v * 100).toFixed(2) + '%';
  }

  function num(v, digits) {
    return v === null || v === undefined ? '' : Number(v).toFixed(digits);
  }

  function pageZone() {
    return document.documentElement.dataset.zone || DEFAULT_ZONE;
  }

  const formats = new Map();

  /** The parts of {@code ms} in {@code zone}: weekday, month, day, hour, minute and the zone's abbreviation. */
  function local(ms, zone) {
    let f = formats.get(zone);
    if (!f) {
      f = new Intl.DateTimeFormat('en-US', {timeZone: zone, weekday: 'short', month: 'short', day: 'numeric',
        hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short'});
      formats.set(zone, f);
    }
    const p = {};
    f.formatToParts(new Date(ms)).forEach(x => { p[x.type] = x.value; });
    return p;
  }

  /** "Mon Nov 3, 06:00 EST". */
  function time(ms, zone) {
    const p = local(ms, zone);
    return p.weekday + ' ' + p.month + ' ' + p.day + ', ' + p.hour + ':' + p.minute + ' ' + p.timeZoneName;
  }

  /** The zone's abbreviation at {@code ms} ("EST", "EDT"). */
  function zoneName(ms, zone) {
    return local(ms, zone).timeZoneName;
  }

  /** The horizons of all charts, shortest first (by the length of the reaction's window). */
  function horizonsOf(charts) {
    const seen = new Map();
    charts.forEach(c => c.reactions.forEach(r => seen.set(r.horizon, r.horizonMillis)));
    return [...seen.entries()].sort((a, b) => a[1] - b[1]).map(e => e[0]);
  }

  /** The flags, each a short word with its meaning as the title; null when there are none. */
  function flagList(flags) {
    if (!flags || !flags.length) {
      return null;
    }
    const span = el('span', null, 'flags');
    flags.forEach(f => {
      const known = FLAGS[f];
      const one = el('span', known ? known[0] : f, 'flag');
      one.title = known ? f + ': ' + known[1] : f;
      one.dataset.flag = f;
      span.appendChild(one);
    });
    return span;
  }

  /** "abnormal 1.17%, z 2.3" with what is there: no "z" without a number. */
  function abnormal(r, word) {
    if (r.abnormalReturn === null || r.abnormalReturn === undefined) {
      return '';
    }
    return word + ' ' + pct(r.abnormalReturn)
        + (r.zScore === null || r.zScore === undefined ? '' : ', z ' + num(r.zScore, 1));
  }

  /** One cell per horizon: return, abnormal return and z, significant ones marked; status unless FINAL; flags. */
  function reactionCell(r) {
    const td = el('td', null, 'reaction num');
    if (!r) {
      return td;
    }
    td.appendChild(el('span', pct(r.rawReturn), 'ret'));
    const abn = abnormal(r, 'abn');
    if (abn) {
      td.appendChild(el('span', abn, 'abn'));
    }
    if (r.status !== 'FINAL') {
      td.appendChild(el('span', String(r.status).toLowerCase(), 'status status-' + String(r.status).toLowerCase()));
    }
    const flags = flagList(r.flags);
    if (flags) {
      td.appendChild(flags);
    }
    if (r.significant) {
      td.classList.add('significant');
      td.title = 'significant: |z| >= 1.96';
    }
    td.dataset.horizon = r.horizon;
    td.dataset.status = r.status;
    td.dataset.rawReturn = r.rawReturn === null ? '' : r.rawReturn;
    return td;
  }

  /**
   * The rows in story order: stories (per ticker) newest first by their latest report, inside a story the first
   * report, then its repeats in time order. A news item without a story is a story of its own.
   */
  function storyOrder(charts) {
    const key = c => c.ticker + '|' + (c.storyId || c.newsId);
    const latest = new Map();
    charts.forEach(c => latest.set(key(c), Math.max(latest.get(key(c)) || -Infinity, c.t0)));
    return charts.slice().sort((a, b) => latest.get(key(b)) - latest.get(key(a))
        || key(a).localeCompare(key(b)) || a.t0 - b.t0 || a.newsId.localeCompare(b.newsId));
  }

  /** A table of news x ticker rows grouped by story; {@code onSelect(chart)} when a row is clicked. */
  function reactionTable(charts, onSelect) {
    const zone = pageZone();
    const horizons = horizonsOf(charts);
    const table = el('table', null, 'reactions');
    const head = table.createTHead().insertRow();
    ['time', 'source', 'headline', 'ticker', 'story'].forEach(h => head.appendChild(el('th', h, h)));
    horizons.forEach(h => head.appendChild(el('th', h, 'num')));
    const body = table.createTBody();
    storyOrder(charts).forEach(c => {
      const tr = body.insertRow();
      tr.dataset.chart = c.id;
      tr.dataset.news = c.newsId;
      tr.dataset.story = c.storyId || '';
      if (c.repeat) {
        tr.classList.add('repeat');
      }
      const p = local(c.t0, zone);
      const when = el('td', null, 'time');
      when.appendChild(el('span', p.weekday + ' ' + p.month + ' ' + p.day, 'day'));
      when.appendChild(document.createTextNode(' '));
      when.appendChild(el('span', p.hour + ':' + p.minute + ' ' + p.timeZoneName, 'hm'));
      when.title = new Date(c.t0).toISOString() + ' (' + zone + ')';
      tr.appendChild(when);
      tr.appendChild(el('td', c.source, 'source'));
      tr.appendChild(el('td', c.headline, 'headline'));
      tr.appendChild(el('td', c.ticker, 'ticker'));
      tr.appendChild(el('td', c.repeat === null || c.repeat === undefined ? ''
          : c.repeat ? 'repeat of ' + c.storyId : 'first report', 'story'));
      horizons.forEach(h => tr.appendChild(reactionCell(c.reactions.find(r => r.horizon === h))));
      if (onSelect) {
        tr.addEventListener('click', () => onSelect(c));
      }
    });
    return table;
  }

  /*
   * Trading time. A chart of P1D spans a night, and without trades the lines just run flat through it: about
   * half of the chart said nothing. So the x-axis is trading time, decided by the data, not by a calendar of
   * sessions (which would need every exchange's holidays and half days, and would still hide the pre-market
   * trades the data has): a stretch of more than CLOSED_AFTER_MIN minutes in which neither the ticker nor the
   * benchmark traded is drawn as a narrow gap of fixed width with a break mark, the lines broken across it, and
   * the chart ends at the last minute with a trade. Everywhere else one minute is one unit of x. Axis labels
   * are the real times, in the exchange's zone.
   */
  const CLOSED_AFTER_MIN = 30;
  /** A closed stretch's width, as a share of the chart's trading minutes (at least GAP_MIN_UNITS minutes). */
  const GAP_SHARE = 0.02;
  const GAP_MIN_UNITS = 4;

  /**
   * A piecewise linear map of real time (ms) to x units and back, through anchors [ms, x] sorted by both;
   * beyond the ends one unit per minute.
   */
  function pieceMap(anchors) {
    function along(v, from, to) {
      const a = anchors;
      if (v <= a[0][from]) {
        return a[0][to] + (v - a[0][from]) * (to === 1 ? 1 / 60000 : 60000);
      }
      for (let i = 1; i < a.length; i++) {
        if (v <= a[i][from]) {
          const span = a[i][from] - a[i - 1][from];
          return span === 0 ? a[i][to] : a[i - 1][to] + (v - a[i - 1][from]) / span * (a[i][to] - a[i - 1][to]);
        }
      }
      const last = a[a.length - 1];
      return last[to] + (v - last[from]) * (to === 1 ? 1 / 60000 : 60000);
    }
    return {toX: ms => along(ms, 0, 1), toMs: x => along(x, 1, 0)};
  }

  /**
   * The chart's bars on trading time: {@code keep} the bar indices drawn (null for a closed stretch's one empty
   * point), {@code xs} their x, {@code runs} the traded stretches as [first, last] bar index, {@code gaps} the
   * closed ones as {from, to} (ms of the bars around them), and the map of time to x. Null without any trade.
   */
  function tradingTime(c) {
    const n = c.x.length;
    const traded = k => c.trades[k] > 0;
    let t0k = c.x.findIndex(t => t >= c.t0);
    t0k = t0k < 0 ? n - 1 : t0k;
    let first = -1;
    let last = -1;
    for (let k = 0; k < n; k++) {
      if (traded(k)) {
        first = first < 0 ? k : first;
        last = k;
      }
    }
    if (first < 0) {
      return null;
    }
    const from = Math.min(first, t0k);
    const to = Math.max(last, t0k);
    // the traded stretches: runs of bars whose quiet spells are at most CLOSED_AFTER_MIN long
    const runs = [];
    let start = from;
    let quiet = 0;
    for (let k = from; k <= to; k++) {
      if (traded(k) || k === t0k) {
        if (quiet > CLOSED_AFTER_MIN) {
          runs.push([start, k - quiet - 1]);
          start = k;
        }
        quiet = 0;
      } else {
        quiet++;
      }
    }
    runs.push([start, to]); // "to" traded (or is T0's bar): no quiet spell trails
    const minutes = runs.reduce((s, r) => s + r[1] - r[0] + 1, 0);
    const gap = Math.max(GAP_MIN_UNITS, Math.round(minutes * GAP_SHARE));
    const keep = [];
    const xs = [];
    const anchors = [];
    const gaps = [];
    let x = 0;
    runs.forEach((r, i) => {
      if (i > 0) {
        const prev = runs[i - 1];
        gaps.push({from: c.x[prev[1]], to: c.x[r[0]], x0: x, x1: x + gap});
        keep.push(null);
        xs.push(x + gap / 2);
        x += gap;
      }
      anchors.push([c.x[r[0]], x]);
      for (let k = r[0]; k <= r[1]; k++) {
        keep.push(k);
        xs.push(x + (c.x[k] - c.x[r[0]]) / 60000);
      }
      x += (c.x[r[1]] - c.x[r[0]]) / 60000;
      anchors.push([c.x[r[1]], x]);
    });
    return Object.assign({keep, xs, runs, gaps}, pieceMap(anchors));
  }

  const STEPS_MIN = [5, 10, 15, 30, 60, 120, 180, 240, 360, 720];
  const TICK_PX = 70;

  /**
   * The x-axis of trading time: ticks at round local times (a step that leaves TICK_PX between them), the first
   * of each traded stretch labelled with its day when the day changed; values in the exchange's zone.
   */
  function tradingAxis(tt, c, zone) {
    const offset = ms => {
      const p = local(ms, zone);
      const hm = (Number(p.hour) * 60 + Number(p.minute));
      const utc = new Date(ms);
      return ((hm - (utc.getUTCHours() * 60 + utc.getUTCMinutes())) % 1440 + 1440 + 720) % 1440 - 720;
    };
    function splits(u, axisIdx, min, max) {
      const px = u.bbox.width / uPlot.pxRatio / Math.max(1, max - min);
      const step = STEPS_MIN.find(s => s * px >= TICK_PX) || 1440;
      const out = [];
      const near = x => out.length && (x - out[out.length - 1]) * px < TICK_PX * 0.8;
      tt.runs.forEach((r, i) => {
        const startX = tt.toX(c.x[r[0]]);
        if (startX >= min && startX <= max) {
          if (i > 0 && near(startX)) {
            out.pop(); // after a break the stretch's start (and its day) says more than the tick before the break
          }
          if (!near(startX)) {
            out.push(startX);
          }
        }
        const off = offset(c.x[r[0]]);
        for (let k = r[0] + 1; k <= r[1]; k++) {
          const localMin = Math.floor(c.x[k] / 60000) + off;
          if (((localMin % step) + step) % step === 0) {
            const x = tt.toX(c.x[k]);
            if (x >= min && x <= max && !near(x)) {
              out.push(x);
            }
          }
        }
      });
      return out;
    }
    function values(u, splitsX) {
      let day = null;
      return splitsX.map(x => {
        const p = local(tt.toMs(x), zone);
        const d = p.month + ' ' + p.day;
        const label = (day !== null && d !== day ? p.weekday + ' ' + d + '\n' : '') + p.hour + ':' + p.minute;
        day = d;
        return label;
      });
    }
    return {splits, values};
  }

  /**
   * The chart's labels (the news, the other news, the horizon ends) as DOM text at their lines, stacked in
   * rows so that none overlaps another and all stay inside the plot: a label goes right of its line, or left of
   * it at the right edge, in the first row where it fits; where none has room it is cut short to the room there
   * is (an ellipsis). Each has its full text as the title.
   */
  const LABEL_ROWS = 4;
  const LABEL_ROW_PX = 13;
  const LABEL_PAD_PX = 4;
  const LABEL_MIN_PX = 28;
  const KIND_ORDER = {t0: 0, horizon: 1, news: 2};

  function placeLabels(u, markers, toX) {
    u.over.querySelectorAll('.marker').forEach(m => m.remove());
    const width = u.over.clientWidth;
    const rows = Array.from({length: LABEL_ROWS}, () => []);
    const free = (row, a, b) => rows[row].every(([l, r]) => b + LABEL_PAD_PX <= l || a >= r + LABEL_PAD_PX);
    const items = markers.map(m => ({m, x: u.valToPos(toX(m.t), 'x')}))
        .filter(i => i.x >= 0 && i.x <= width)
        .sort((a, b) => KIND_ORDER[a.m.kind] - KIND_ORDER[b.m.kind] || a.x - b.x);
    let hidden = 0;
    items.forEach(({m, x}) => {
      const label = el('div', m.label, 'marker marker-' + m.kind);
      label.title = m.title || m.label;
      label.style.color = COLORS[m.kind];
      u.over.appendChild(label);
      const w = Math.ceil(label.getBoundingClientRect().width);
      const put = (row, left, cut) => {
        if (cut) {
          label.style.maxWidth = cut + 'px';
          label.classList.add('cut');
        }
        const actual = cut || w;
        label.style.left = left + 'px';
        label.style.top = row * LABEL_ROW_PX + 'px';
        rows[row].push([left, left + actual]);
      };
      for (let row = 0; row < LABEL_ROWS; row++) {
        for (const left of [x + 3, x - 3 - w]) {
          if (left >= 0 && left + w <= width && free(row, left, left + w)) {
            put(row, left, 0);
            return;
          }
        }
      }
      // no room anywhere for the whole text: the widest room right of the line, cut short
      let best = null;
      for (let row = 0; row < LABEL_ROWS; row++) {
        const left = x + 3;
        const right = rows[row].filter(([l]) => l >= left).reduce((r, [l]) => Math.min(r, l - LABEL_PAD_PX), width);
        if (free(row, left, left + 1) && right - left >= LABEL_MIN_PX && (!best || right - left > best[1])) {
          best = [row, right - left];
        }
      }
      if (best) {
        put(best[0], x + 3, Math.floor(best[1]));
      } else {
        label.remove();
        hidden++;
      }
    });
    u.root.dataset.hiddenLabels = String(hidden);
  }

  /** The break marks of closed stretches: a shaded band and a zigzag on the axis, a title saying what it is. */
  function placeBreaks(u, gaps, title) {
    u.over.querySelectorAll('.session-break').forEach(m => m.remove());
    gaps.forEach(g => {
      const a = u.valToPos(g.x0, 'x');
      const b = u.valToPos(g.x1, 'x');
      const mark = el('div', null, 'session-break');
      mark.style.left = a + 'px';
      mark.style.width = Math.max(2, b - a) + 'px';
      mark.title = title(g);
      u.over.appendChild(mark);
    });
  }

  function drawBreaks(u, gaps) {
    const ctx = u.ctx;
    ctx.save();
    gaps.forEach(g => {
      const a = u.valToPos(g.x0, 'x', true);
      const b = u.valToPos(g.x1, 'x', true);
      if (b > a) {
        ctx.fillStyle = COLORS.closed;
        ctx.fillRect(a, u.bbox.top, b - a, u.bbox.height);
      } else {
        ctx.strokeStyle = '#999';
        ctx.lineWidth = uPlot.pxRatio;
        ctx.setLineDash([2 * uPlot.pxRatio, 3 * uPlot.pxRatio]);
        ctx.beginPath();
        ctx.moveTo(a, u.bbox.top);
        ctx.lineTo(a, u.bbox.top + u.bbox.height);
        ctx.stroke();
        ctx.setLineDash([]);
      }
      // a zigzag across the axis line: the axis is broken here
      const y = u.bbox.top + u.bbox.height;
      const mid = (a + b) / 2;
      const h = 5 * uPlot.pxRatio;
      ctx.strokeStyle = '#444';
      ctx.lineWidth = uPlot.pxRatio;
      ctx.fillStyle = '#fff';
      ctx.fillRect(mid - h, y - h, 2 * h, 2 * h);
      [-h / 2, h / 2].forEach(dx => {
        ctx.beginPath();
        ctx.moveTo(mid + dx - h / 2, y + h);
        ctx.lineTo(mid + dx + h / 2, y - h);
        ctx.stroke();
      });
    });
    ctx.restore();
  }

  /** Vertical lines at T0, the other news and the horizon ends, with their labels as DOM text. */
  function markersPlugin(markers, toX, gaps, gapTitle) {
    function place(u) {
      placeBreaks(u, gaps, gapTitle);
      placeLabels(u, markers, toX);
    }
    return {
      hooks: {
        ready: [place],
        setSize: [place],
        setScale: [(u, key) => { if (key === 'x') { place(u); } }],
        drawAxes: [u => drawBreaks(u, gaps)],
        draw: [u => {
          const ctx = u.ctx;
          ctx.save();
          markers.forEach(m => {
            const x = Math.round(u.valToPos(toX(m.t), 'x', true));
            if (x < u.bbox.left || x > u.bbox.left + u.bbox.width) {
              return;
            }
            ctx.strokeStyle = COLORS[m.kind];
            ctx.lineWidth = m.kind === 't0' ? 2 : 1;
            ctx.setLineDash(m.kind === 'horizon' ? [3, 3] : []);
            ctx.beginPath();
            ctx.moveTo(x, u.bbox.top);
            ctx.lineTo(x, u.bbox.top + u.bbox.height);
            ctx.stroke();
          });
          ctx.restore();
        }]
      }
    };
  }

  /**
   * The legend shows values only while the cursor is on the plot (then every series' value at the cursor);
   * otherwise it names the series and nothing else, no "--" and no empty values.
   */
  function legendOnHover() {
    const idle = u => u.root.classList.toggle('cursor-off', u.cursor.idx === null || u.cursor.idx === undefined
        || u.cursor.left < 0);
    return {hooks: {ready: [idle], setCursor: [idle]}};
  }

  /*
   * The volume axis. One spike (80,000 shares in a minute against a few hundred) would scale the axis so that
   * every other bar vanishes; the axis is scaled to the bars instead: its top is VOLUME_CAP_X the 95th percentile
   * of the minutes with trades (or the normal volume, if higher), the bars above it are cut there and marked with
   * a triangle, the highest one with its real value; the legend shows real values.
   */
  const VOLUME_CAP_X = 2;

  function volumeScale(volumes, normal) {
    const traded = volumes.filter(v => v > 0).sort((a, b) => a - b);
    if (!traded.length) {
      return {cap: Math.max(1, normal || 0), max: 0};
    }
    const max = traded[traded.length - 1];
    const p95 = traded[Math.floor(0.95 * (traded.length - 1))];
    let cap = Math.max(p95 * VOLUME_CAP_X, (normal || 0) * 1.2);
    if (max <= cap * 1.25) {
      cap = max; // nothing stands out: no bar is cut
    }
    return {cap, max, p95};
  }

  function drawClipped(u, volIdx, real, cap) {
    const ctx = u.ctx;
    const top = u.valToPos(cap, 'vol', true);
    const s = 4 * uPlot.pxRatio;
    let highest = -1;
    ctx.save();
    ctx.fillStyle = COLORS.clipped;
    for (let i = 0; i < real.length; i++) {
      if (real[i] !== null && real[i] > cap) {
        const x = u.valToPos(u.data[0][i], 'x', true);
        ctx.beginPath();
        ctx.moveTo(x - s, top);
        ctx.lineTo(x + s, top);
        ctx.lineTo(x, top - 1.6 * s);
        ctx.closePath();
        ctx.fill();
        highest = highest < 0 || real[i] > real[highest] ? i : highest;
      }
    }
    if (highest >= 0) {
      ctx.font = (10 * uPlot.pxRatio) + 'px system-ui, sans-serif';
      ctx.textAlign = 'left';
      ctx.fillText(Math.round(real[highest]).toLocaleString('en-US') + ' / min',
          u.valToPos(u.data[0][highest], 'x', true) + 2 * s, top - s);
    }
    ctx.restore();
  }

  function scaled(values) {
    return values.map(v => v === null ? null : v * 100);
  }

  /** Why a chart of the ticker has nothing to draw, or null when it has. */
  function nothingToDraw(c) {
    if (c.stock.some(v => v !== null)) {
      return null;
    }
    const traded = c.volume.some(v => v > 0);
    return traded
      ? 'No chart: no trade of ' + c.ticker + ' before the news, so no baseline to measure its moves from.'
      : 'No chart: no trades of ' + c.ticker + ' in this window.';
  }

  function percentValue(u, v) {
    return v === null || v === undefined ? '–' : v.toFixed(2) + '%';
  }

  /**
   * The chart of one (news, ticker): the ticker's and the benchmark's price indexed to 0% at the baseline,
   * the expected return with its ±1.96σ√m band, volume bars with the normal volume per minute, markers, on
   * trading time. Returns the uPlot, or null when there is nothing to draw (the box then says why).
   */
  function drawChart(container, c, width) {
    const zone = c.zone || pageZone();
    const box = el('div', null, 'chart');
    box.id = 'chart-' + c.id;
    box.dataset.ticker = c.ticker;
    box.dataset.news = c.newsId;
    box.appendChild(el('h3', c.ticker + ' — ' + (c.headline || c.newsId)));
    const sub = el('p', null, 'chart-sub');
    sub.appendChild(el('span', time(c.t0, zone) + ' · ' + (c.source || '') + ' · benchmark ' + c.benchmark));
    c.reactions.filter(r => r.rawReturn !== null).forEach(r => {
      const abn = abnormal(r, 'abnormal');
      const s = el('span', ' · ' + r.horizon + ' ' + pct(r.rawReturn)
        + (abn ? ' (' + abn + ')' : '')
        + (r.abnormalVolumeRatio === null || r.abnormalVolumeRatio === undefined
          ? '' : ', volume ×' + num(r.abnormalVolumeRatio, 1)),
      r.significant ? 'significant' : '');
      sub.appendChild(s);
    });
    box.appendChild(sub);
    container.appendChild(box);
    const why = nothingToDraw(c);
    const tt = why ? null : tradingTime(c);
    if (why || !tt) {
      box.appendChild(el('p', why || 'No chart: no trades of ' + c.ticker + ' in this window.', 'no-chart'));
      box.dataset.points = '0';
      return null;
    }
    const plot = el('div', null, 'plot');
    box.appendChild(plot);
    const pick = (arr, f) => tt.keep.map(k => k === null ? null : f(arr[k]));
    const pctOf = arr => pick(arr, v => v === null ? null : v * 100);
    const realVolume = pick(c.volume, v => v);
    const vs = volumeScale(realVolume.filter(v => v !== null), c.normalVolume);
    const shownVolume = realVolume.map(v => v === null ? null : Math.min(v, vs.cap));
    const normal = tt.keep.map(k => k === null || c.normalVolume === null ? null : c.normalVolume);
    const data = [tt.xs, pctOf(c.stock), pctOf(c.bench), pctOf(c.expected), pctOf(c.lower), pctOf(c.upper),
      shownVolume, normal];
    const zn = zoneName(c.t0, zone);
    const axis = tradingAxis(tt, c, zone);
    const gapTitle = g => 'no trade of ' + c.ticker + (c.benchmark !== c.ticker ? ' or ' + c.benchmark : '')
        + ' from ' + time(g.from, zone) + ' to ' + time(g.to, zone) + ': drawn narrow';
    const opts = {
      width: width || Math.max(600, container.clientWidth - 20),
      height: 340,
      scales: {x: {time: false, range: (u, min, max) => [min, max]}, pct: {},
        vol: {range: () => [0, Math.max(1, vs.cap) * 4]}},
      legend: {live: true},
      series: [
        {label: 'time (' + zn + ')', value: (u, v) => v === null || v === undefined ? '' : time(tt.toMs(v), zone)},
        {label: c.ticker, scale: 'pct', stroke: COLORS.stock, width: 2, value: percentValue},
        {label: c.benchmark, scale: 'pct', stroke: COLORS.bench, width: 1.5, value: percentValue},
        {label: 'expected (β × benchmark)', scale: 'pct', stroke: COLORS.expected, dash: [5, 4], value: percentValue},
        {label: '−1.96σ√m', scale: 'pct', stroke: COLORS.band, value: percentValue},
        {label: '+1.96σ√m', scale: 'pct', stroke: COLORS.band, value: percentValue},
        {label: 'volume / min', scale: 'vol', stroke: COLORS.volume, fill: COLORS.volume,
          paths: uPlot.paths.bars({size: [0.9, 6]}), points: {show: false},
          value: (u, v, si, i) => i === null || realVolume[i] === null ? '–'
            : Math.round(realVolume[i]).toLocaleString('en-US')},
        {label: 'normal volume / min', scale: 'vol', stroke: COLORS.normal, dash: [2, 3], points: {show: false},
          value: (u, v) => v === null || v === undefined ? '–' : Math.round(v).toLocaleString('en-US')}
      ],
      bands: [{series: [5, 4], fill: COLORS.band}],
      axes: [
        {label: 'exchange time (' + zn + ', ' + zone + '); closed stretches drawn narrow', splits: axis.splits,
          values: axis.values, size: 56, labelSize: 20},
        {scale: 'pct', label: '% from baseline', values: (u, vals) => vals.map(v => v.toFixed(1) + '%'), size: 60},
        {scale: 'vol', side: 1, label: 'volume / min', grid: {show: false}, size: 70}
      ],
      plugins: [markersPlugin(c.markers, tt.toX, tt.gaps, gapTitle), legendOnHover(),
        {hooks: {draw: [u => drawClipped(u, 6, realVolume, vs.cap)]}}]
    };
    const u = new uPlot(opts, data, plot);
    u.reaction = {toX: tt.toX, toMs: tt.toMs, gaps: tt.gaps, volume: realVolume, volumeCap: vs.cap,
      clipped: realVolume.filter(v => v !== null && v > vs.cap).length};
    box.dataset.points = String(data[1].filter(v => v !== null).length);
    box.dataset.markers = String(c.markers.length);
    return u;
  }

  /**
   * A test statistic with its two-sided p under it, marked when p < 0.05: with twelve columns of numbers the table
   * fits the window with each on two lines (table.study td.stat keeps the line break).
   */
  function stat(v, p) {
    return v === null || v === undefined ? '' : num(v, 2) + '\n(p ' + num(p, 3) + ')' + (p < 0.05 ? ' *' : '');
  }

  const STUDY_MIN_N = 2;

  function studyRows(studies) {
    const table = el('table', null, 'study');
    const head = table.createTHead().insertRow();
    [['group', ''], ['horizon', ''], ['n', 'num'], ['without model', 'num'], ['CAAR', 'num'],
      ['cross-sectional t', 'num'], ['Patell Z', 'num'], ['BMP t', 'num'], ['BMP t, Kolari-Pynnönen adj.', 'num'],
      ['generalized sign Z', 'num'], ['skewness-adj. t (Hall)', 'num'], ['Wilcoxon signed-rank Z', 'num'],
      ['generalized rank Z (Kolari-Pynnönen)', 'num']]
      .forEach(([h, cls]) => head.appendChild(el('th', h, cls)));
    const body = table.createTBody();
    studies.forEach(s => {
      const tr = body.insertRow();
      tr.dataset.group = s.group;
      tr.dataset.horizon = s.horizon;
      tr.dataset.n = s.n;
      tr.appendChild(el('td', s.group));
      tr.appendChild(el('td', s.horizon));
      [s.n, s.excluded, pct(s.caar)].forEach(v => tr.appendChild(el('td', v, 'num')));
      [stat(s.csectT, s.csectP), stat(s.patellZ, s.patellP), stat(s.bmpT, s.bmpP), stat(s.bmpKpT, s.bmpKpP),
        stat(s.genSignZ, s.genSignP), stat(s.skewT, s.skewP), stat(s.wilcoxonZ, s.wilcoxonP),
        stat(s.grankZ, s.grankP)]
        .forEach(v => tr.appendChild(el('td', v, 'num stat')));
    });
    return table;
  }

  /*
   * The CAAR path has a point every minute for the first 390 minutes (a trading day), then every 30 minutes to
   * the horizon's end: on a linear axis the night took three quarters of the chart. It is drawn with the
   * coarse part at CAAR_COARSE_SHARE of its length, a break mark where the spacing changes, and labels in time
   * after the news, so the axis says honestly where it is compressed.
   */
  const CAAR_COARSE_SHARE = 0.1;

  function caarAxis(pathAt) {
    const mins = pathAt.map(ms => ms / 60000);
    const base = mins.length > 1 ? mins[1] - mins[0] : 1;
    const xs = [];
    let breakAt = -1;
    mins.forEach((m, i) => {
      if (i === 0) {
        xs.push(m);
        return;
      }
      const d = m - mins[i - 1];
      const fine = d <= base * 1.5;
      if (!fine && breakAt < 0) {
        breakAt = i - 1;
      }
      xs.push(xs[i - 1] + (fine && breakAt < 0 ? d : d * CAAR_COARSE_SHARE));
    });
    const anchors = breakAt < 0 ? [[mins[0], xs[0]], [mins[mins.length - 1], xs[xs.length - 1]]]
      : [[mins[0], xs[0]], [mins[breakAt], xs[breakAt]], [mins[mins.length - 1], xs[xs.length - 1]]];
    const map = pieceMap(anchors.map(([m, x]) => [m * 60000, x]));
    const after = m => m < 60 ? m + ' min' : (m % 60 === 0 ? m / 60 + ' h' : Math.floor(m / 60) + ' h ' + m % 60);
    function splits(u, axisIdx, min, max) {
      const px = u.bbox.width / uPlot.pxRatio / Math.max(1, max - min);
      const out = [];
      const fineEnd = breakAt < 0 ? mins[mins.length - 1] : mins[breakAt];
      const step = [15, 30, 60, 120, 180].find(s => s * px >= TICK_PX) || 360;
      for (let m = 0; m <= fineEnd; m += step) {
        out.push(map.toX(m * 60000));
      }
      if (breakAt >= 0) {
        const coarseStep = [60, 120, 180, 360, 720].find(s => s * CAAR_COARSE_SHARE * px >= TICK_PX) || 1440;
        for (let m = Math.ceil((fineEnd + 1) / coarseStep) * coarseStep; m <= mins[mins.length - 1]; m += coarseStep) {
          const x = map.toX(m * 60000);
          if ((x - out[out.length - 1]) * px >= TICK_PX * 0.8) {
            out.push(x);
          }
        }
      }
      return out;
    }
    const values = (u, vals) => vals.map(x => after(Math.round(map.toMs(x) / 60000)));
    const gaps = breakAt < 0 ? [] : [{x0: xs[breakAt], x1: xs[breakAt], at: mins[breakAt]}];
    return {xs, splits, values, gaps, after, toMs: map.toMs, base};
  }

  /**
   * The event study across the run's events: a table of every group and horizon (those with fewer than
   * STUDY_MIN_N reactions folded away), and the CAAR path with its 95% band of the groups all, story:first and
   * story:repeat over the longest horizon. Returns the charts drawn.
   */
  function studySection(container, studies, width) {
    if (!studies.length) {
      return [];
    }
    container.appendChild(el('h2', 'Event study across the events'));
    container.appendChild(el('p', 'Mean cumulative abnormal return (CAAR) of the FINAL reactions of each group, with '
      + 'the cross-sectional t, Patell Z, Boehmer-Musumeci-Poulsen t, that t adjusted for the overlapping windows of '
      + 'one ticker\'s clustered news (Kolari-Pynnönen 2010), generalized sign Z, Hall\'s (1992) skewness-adjusted t '
      + 'and the Wilcoxon signed-rank Z of the standardized abnormal returns, and the generalized rank Z of '
      + 'each one\'s rank among its estimation window\'s (Kolari-Pynnönen 2011) (* p < 0.05); n counts '
      + 'the reactions with a model, "without model" those left out for want of one.', 'note'));
    const shownRows = studies.filter(s => s.n >= STUDY_MIN_N);
    const few = studies.filter(s => s.n < STUDY_MIN_N);
    container.appendChild(studyRows(shownRows));
    if (few.length) {
      const details = el('details', null, 'study-few');
      details.appendChild(el('summary', few.length + ' groups × horizons with fewer than ' + STUDY_MIN_N
        + ' reactions (no test is meaningful there)'));
      details.appendChild(studyRows(few));
      container.appendChild(details);
    }
    const longest = studies.reduce((a, s) => (s.pathAt.length ? s.pathAt[s.pathAt.length - 1] : 0) > a.len
      ? {len: s.pathAt[s.pathAt.length - 1], horizon: s.horizon} : a, {len: 0, horizon: null}).horizon;
    const shown = studies.filter(s => s.horizon === longest && s.pathAt.length
      && (s.group === 'all' || s.group.startsWith('story:')));
    return shown.map(s => {
      const box = el('div', null, 'chart study-chart');
      box.dataset.group = s.group;
      box.dataset.caar = String(s.caar);
      box.appendChild(el('h3', 'CAAR, ' + s.group + ', ' + s.horizon + ' (n ' + s.n + ')'));
      const plot = el('div', null, 'plot');
      box.appendChild(plot);
      container.appendChild(box);
      const ax = caarAxis(s.pathAt);
      const coarse = ax.gaps.length ? 'every minute to ' + ax.after(ax.gaps[0].at) + ', then every 30 min, drawn '
        + 'narrower' : 'every minute';
      const opts = {
        width: width || Math.max(600, container.clientWidth - 20),
        height: 260,
        scales: {x: {time: false, range: (u, min, max) => [min, max]}},
        legend: {live: true},
        series: [
          {label: 'after the news', value: (u, v) => v === null || v === undefined ? ''
            : ax.after(Math.round(ax.toMs(v) / 60000))},
          {label: 'CAAR', stroke: COLORS.stock, width: 2, value: percentValue},
          {label: '95% band, lower', stroke: COLORS.band, value: percentValue},
          {label: '95% band, upper', stroke: COLORS.band, value: percentValue}
        ],
        bands: [{series: [3, 2], fill: COLORS.band}],
        axes: [{label: 'time after the news (' + coarse + ')', splits: ax.splits, values: ax.values},
          {label: 'CAAR', values: (u, vals) => vals.map(v => v.toFixed(1) + '%'), size: 60}],
        plugins: [legendOnHover(), {hooks: {
          drawAxes: [u => drawBreaks(u, ax.gaps)],
          ready: [u => placeBreaks(u, ax.gaps, g => 'from ' + ax.after(g.at)
            + ' on, the path has a point every 30 minutes, drawn at ' + CAAR_COARSE_SHARE + ' of the scale')],
          setSize: [u => placeBreaks(u, ax.gaps, g => 'from ' + ax.after(g.at)
            + ' on, the path has a point every 30 minutes, drawn at ' + CAAR_COARSE_SHARE + ' of the scale')]}}]
      };
      const u = new uPlot(opts, [ax.xs, scaled(s.caarPath), scaled(s.lower), scaled(s.upper)], plot);
      u.reaction = {toMs: ax.toMs, breaks: ax.gaps.map(g => g.at)};
      box.dataset.points = String(ax.xs.length);
      return u;
    });
  }

  global.Reactions = {reactionTable, drawChart, studySection, pct, time, FLAGS};
})(window);
