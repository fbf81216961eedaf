/*
 * Tables and charts of market reactions, shared by the offline report and the live page. Every text from
 * the data (headlines, sources, tickers) goes into the page with textContent, never as HTML.
 */
(function (global) {
  'use strict';

  const COLORS = {stock: '#1f5fa8', bench: '#8a8a8a', expected: '#2a8f3a', band: 'rgba(42,143,58,0.13)',
    volume: 'rgba(120,120,120,0.45)', normal: '#b36b00', t0: '#d62728', news: '#9467bd', horizon: '#555'};

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

  function time(ms) {
    return new Date(ms).toISOString().replace('T', ' ').replace(/:\d\d\.\d+Z$/, ' UTC');
  }

  /** The horizons of all charts, shortest first (by the length of the reaction's window). */
  function horizonsOf(charts) {
    const seen = new Map();
    charts.forEach(c => c.reactions.forEach(r => seen.set(r.horizon, r.horizonMillis)));
    return [...seen.entries()].sort((a, b) => a[1] - b[1]).map(e => e[0]);
  }

  /** One cell per horizon: return, abnormal return and z, significant ones marked. */
  function reactionCell(r) {
    const td = el('td', null, 'reaction');
    if (!r) {
      return td;
    }
    td.appendChild(el('span', pct(r.rawReturn), 'ret'));
    td.appendChild(el('span', r.abnormalReturn === null ? '' : 'abn ' + pct(r.abnormalReturn), 'abn'));
    td.appendChild(el('span', r.zScore === null ? '' : 'z ' + num(r.zScore, 1), 'z'));
    td.appendChild(el('span', r.status, 'status status-' + String(r.status).toLowerCase()));
    if (r.flags && r.flags.length) {
      td.appendChild(el('span', r.flags.join(' '), 'flags'));
    }
    if (r.significant) {
      td.classList.add('significant');
      td.title = 'significant: |z| >= 1.96';
    }
    td.dataset.horizon = r.horizon;
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
    const horizons = horizonsOf(charts);
    const table = el('table', null, 'reactions');
    const head = table.createTHead().insertRow();
    ['time', 'source', 'headline', 'ticker', 'story'].concat(horizons).forEach(h => head.appendChild(el('th', h)));
    const body = table.createTBody();
    storyOrder(charts).forEach(c => {
      const tr = body.insertRow();
      tr.dataset.chart = c.id;
      tr.dataset.news = c.newsId;
      tr.dataset.story = c.storyId || '';
      if (c.repeat) {
        tr.classList.add('repeat');
      }
      tr.appendChild(el('td', time(c.t0), 'time'));
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

  /** Vertical lines at T0, the other news and the horizon ends, with their labels as DOM text. */
  function markersPlugin(markers) {
    function place(u) {
      u.over.querySelectorAll('.marker').forEach(m => m.remove());
      markers.forEach(m => {
        const left = u.valToPos(m.t / 1000, 'x');
        if (left < 0 || left > u.over.clientWidth) {
          return;
        }
        const label = el('div', m.label, 'marker marker-' + m.kind);
        label.style.left = left + 'px';
        label.style.color = COLORS[m.kind];
        u.over.appendChild(label);
      });
    }
    return {
      hooks: {
        ready: [place],
        setSize: [place],
        setScale: [(u, key) => { if (key === 'x') { place(u); } }],
        draw: [u => {
          const ctx = u.ctx;
          ctx.save();
          markers.forEach(m => {
            const x = Math.round(u.valToPos(m.t / 1000, 'x', true));
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

  function scaled(values) {
    return values.map(v => v === null ? null : v * 100);
  }

  /**
   * The chart of one (news, ticker): the ticker's and the benchmark's price indexed to 0% at the baseline,
   * the expected return with its ±1.96σ√m band, volume bars with the normal volume per minute, markers.
   */
  function drawChart(container, c, width) {
    const box = el('div', null, 'chart');
    box.id = 'chart-' + c.id;
    box.appendChild(el('h3', c.ticker + ' — ' + (c.headline || c.newsId)));
    const sub = el('p', null, 'chart-sub');
    sub.appendChild(el('span', time(c.t0) + ' · ' + (c.source || '') + ' · benchmark ' + c.benchmark));
    c.reactions.forEach(r => {
      const s = el('span', ' · ' + r.horizon + ' ' + pct(r.rawReturn)
        + (r.abnormalReturn === null ? '' : ' (abnormal ' + pct(r.abnormalReturn) + ', z ' + num(r.zScore, 1) + ')')
        + (r.abnormalVolumeRatio === null ? '' : ', volume ×' + num(r.abnormalVolumeRatio, 1)),
        r.significant ? 'significant' : '');
      sub.appendChild(s);
    });
    box.appendChild(sub);
    const plot = el('div', null, 'plot');
    box.appendChild(plot);
    container.appendChild(box);
    const x = c.x.map(t => t / 1000);
    const normal = c.x.map(() => c.normalVolume);
    const data = [x, scaled(c.stock), scaled(c.bench), scaled(c.expected), scaled(c.lower), scaled(c.upper),
      c.volume, normal];
    const opts = {
      width: width || Math.max(600, container.clientWidth - 20),
      height: 340,
      scales: {x: {time: true}, pct: {}, vol: {range: (u, min, max) => [0, Math.max(1, max) * 4]}},
      series: [
        {},
        {label: c.ticker, scale: 'pct', stroke: COLORS.stock, width: 2, value: (u, v) => v === null ? '' : v.toFixed(2) + '%'},
        {label: c.benchmark, scale: 'pct', stroke: COLORS.bench, width: 1.5, value: (u, v) => v === null ? '' : v.toFixed(2) + '%'},
        {label: 'expected (β × benchmark)', scale: 'pct', stroke: COLORS.expected, dash: [5, 4], value: (u, v) => v === null ? '' : v.toFixed(2) + '%'},
        {label: '−1.96σ√m', scale: 'pct', stroke: COLORS.band, value: (u, v) => v === null ? '' : v.toFixed(2) + '%'},
        {label: '+1.96σ√m', scale: 'pct', stroke: COLORS.band, value: (u, v) => v === null ? '' : v.toFixed(2) + '%'},
        {label: 'volume / min', scale: 'vol', stroke: COLORS.volume, fill: COLORS.volume,
          paths: uPlot.paths.bars({size: [0.9, 6]}), points: {show: false}},
        {label: 'normal volume / min', scale: 'vol', stroke: COLORS.normal, dash: [2, 3], points: {show: false}}
      ],
      bands: [{series: [5, 4], fill: COLORS.band}],
      axes: [
        {},
        {scale: 'pct', label: '% from baseline', values: (u, vals) => vals.map(v => v.toFixed(1) + '%'), size: 60},
        {scale: 'vol', side: 1, label: 'volume / min', grid: {show: false}, size: 70}
      ],
      plugins: [markersPlugin(c.markers)]
    };
    const u = new uPlot(opts, data, plot);
    box.dataset.points = String(c.stock.filter(v => v !== null).length);
    box.dataset.markers = String(c.markers.length);
    return u;
  }

  /** A test statistic with its two-sided p, marked when p < 0.05. */
  function stat(v, p) {
    return v === null || v === undefined ? '' : num(v, 2) + ' (p ' + num(p, 3) + ')' + (p < 0.05 ? ' *' : '');
  }

  /**
   * The event study across the run's events: a table of every group and horizon, and the CAAR path with its 95%
   * band of the groups all, story:first and story:repeat over the longest horizon. Returns the charts drawn.
   */
  function studySection(container, studies, width) {
    if (!studies.length) {
      return [];
    }
    container.appendChild(el('h2', 'Event study across the events'));
    container.appendChild(el('p', 'Mean cumulative abnormal return (CAAR) of the FINAL reactions of each group, with '
      + 'the cross-sectional t, Patell Z, Boehmer-Musumeci-Poulsen t and generalized sign Z; n counts the reactions '
      + 'with a model, "left out" those without.', 'note'));
    const table = el('table', null, 'study');
    const head = table.createTHead().insertRow();
    ['group', 'horizon', 'n', 'left out', 'CAAR', 'cross-sectional t', 'Patell Z', 'BMP t', 'generalized sign Z']
      .forEach(h => head.appendChild(el('th', h)));
    const body = table.createTBody();
    studies.forEach(s => {
      const tr = body.insertRow();
      tr.dataset.group = s.group;
      tr.dataset.horizon = s.horizon;
      [s.group, s.horizon, s.n, s.excluded, pct(s.caar), stat(s.csectT, s.csectP), stat(s.patellZ, s.patellP),
        stat(s.bmpT, s.bmpP), stat(s.genSignZ, s.genSignP)].forEach(v => tr.appendChild(el('td', v)));
    });
    container.appendChild(table);
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
      const x = s.pathAt.map(ms => ms / 60000);
      const opts = {
        width: width || Math.max(600, container.clientWidth - 20),
        height: 260,
        scales: {x: {time: false}},
        series: [
          {label: 'minutes after the news', value: (u, v) => v === null ? '' : v + ' min'},
          {label: 'CAAR', stroke: COLORS.stock, width: 2, value: (u, v) => v === null ? '' : v.toFixed(2) + '%'},
          {label: '95% band, lower', stroke: COLORS.band, value: (u, v) => v === null ? '' : v.toFixed(2) + '%'},
          {label: '95% band, upper', stroke: COLORS.band, value: (u, v) => v === null ? '' : v.toFixed(2) + '%'}
        ],
        bands: [{series: [3, 2], fill: COLORS.band}],
        axes: [{label: 'minutes after the news'},
          {label: 'CAAR', values: (u, vals) => vals.map(v => v.toFixed(1) + '%'), size: 60}]
      };
      const u = new uPlot(opts, [x, scaled(s.caarPath), scaled(s.lower), scaled(s.upper)], plot);
      box.dataset.points = String(x.length);
      return u;
    });
  }

  global.Reactions = {reactionTable, drawChart, studySection, pct};
})(window);
