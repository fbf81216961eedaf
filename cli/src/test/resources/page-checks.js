/*
 * What the browser tests ask of the report and the live page, as one JavaScript object of functions (the tests run
 * "const checks = <this file>; return checks.name(...)"). Each returns what is wrong, empty when nothing is, so that
 * an assertion's message says what the page shows.
 */
({
  /** The chart labels (news, other news, horizons) of a uPlot: any two that intersect, any outside the plot. */
  labelProblems(u) {
    const bad = [];
    const plot = u.over.getBoundingClientRect();
    const labels = [...u.over.querySelectorAll('.marker')]
      .map(m => ({text: m.textContent, r: m.getBoundingClientRect()}))
      .filter(l => l.r.width > 0 && l.r.height > 0);
    const eps = 0.5;
    labels.forEach((a, i) => {
      if (a.r.left < plot.left - eps || a.r.right > plot.right + eps || a.r.top < plot.top - eps
          || a.r.bottom > plot.bottom + eps) {
        bad.push('"' + a.text + '" outside the plot');
      }
      labels.slice(i + 1).forEach(b => {
        if (a.r.left < b.r.right - eps && b.r.left < a.r.right - eps && a.r.top < b.r.bottom - eps
            && b.r.top < a.r.bottom - eps) {
          bad.push('"' + a.text + '" overlaps "' + b.text + '"');
        }
      });
    });
    return bad;
  },

  /** Every label's text, for the message. */
  labels(u) {
    return [...u.over.querySelectorAll('.marker')].map(m => m.textContent);
  },

  /**
   * With the cursor off the plot the legend shows no value at all (no "--", no blanks); with the cursor on a point
   * where the ticker has a price, the ticker's value is a percentage.
   */
  legendProblems(u) {
    const bad = [];
    const visible = e => e.offsetParent !== null && e.getBoundingClientRect().width > 0;
    u.setCursor({left: -10, top: -10});
    [...u.root.querySelectorAll('.u-legend .u-value')].filter(visible)
      .forEach(v => bad.push('cursor off: a value shown: "' + v.textContent + '"'));
    [...u.root.querySelectorAll('.u-legend .u-series')].filter(visible)
      .filter(s => s.textContent.includes('--')).forEach(s => bad.push('cursor off: "' + s.textContent + '"'));
    const i = u.data[1].findIndex((v, k) => v !== null && k > u.data[1].length / 2);
    if (i >= 0) {
      u.setCursor({left: u.valToPos(u.data[0][i], 'x'), top: 20});
      const ticker = u.root.querySelectorAll('.u-legend .u-series')[1];
      const value = ticker && ticker.querySelector('.u-value');
      if (!value || !visible(value) || !/%$/.test(value.textContent)) {
        bad.push('cursor on: the ticker\'s value is "' + (value ? value.textContent : null) + '"');
      }
      u.setCursor({left: -10, top: -10});
    }
    return bad;
  },

  /**
   * The volume axis against the minutes with trades of the chart's JSON ({@code volumes}): its top is at most
   * 10 times the 95th percentile (or the normal volume, if higher), whatever one spike says.
   */
  volumeScale(u, volumes, normal) {
    const traded = volumes.filter(v => v > 0).sort((a, b) => a - b);
    if (traded.length < 20) {
      return null;
    }
    const p95 = traded[Math.floor(0.95 * (traded.length - 1))];
    return {top: u.scales.vol.max, bound: 10 * Math.max(p95, normal || 0), max: traded[traded.length - 1]};
  },

  /** The CAAR chart: the share of its width after the point where the path's spacing grows (minute 390). */
  caarCoarseShare(u, pathAt) {
    const base = pathAt[1] - pathAt[0];
    const at = pathAt.findIndex((t, i) => i > 0 && t - pathAt[i - 1] > base * 1.5) - 1;
    if (at < 0) {
      return null;
    }
    const px = i => u.valToPos(u.data[0][i], 'x');
    const last = u.data[0].length - 1;
    return (px(last) - px(at)) / (px(last) - px(0));
  },

  /** What keeps the page's tables from fitting its window, and cells that say what they need not. */
  tableProblems() {
    const bad = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth) {
      bad.push('the page is ' + root.scrollWidth + ' px wide in a window of ' + root.clientWidth);
    }
    document.querySelectorAll('table.reactions td.headline').forEach(td => {
      if (td.getBoundingClientRect().width < 250) {
        bad.push('headline cell ' + Math.round(td.getBoundingClientRect().width) + ' px: ' + td.textContent);
      }
    });
    document.querySelectorAll('table.reactions td.reaction').forEach(td => {
      if (/\bFINAL\b/.test(td.textContent)) {
        bad.push('a cell says FINAL: ' + td.textContent);
      }
      const style = getComputedStyle(td);
      if (style.textAlign !== 'right' || !style.fontVariantNumeric.includes('tabular-nums')) {
        bad.push('a number cell aligned ' + style.textAlign + ', ' + style.fontVariantNumeric);
      }
    });
    document.querySelectorAll('table.reactions td.time').forEach(td => {
      if (!/\d\d:\d\d [A-Z]{2,5}$|\d\d:\d\d GMT[+-]\d+$/.test(td.textContent.trim())) {
        bad.push('a time without the exchange\'s zone: ' + td.textContent);
      }
    });
    return bad;
  },

  /** Flags in the table: each one explained by its title. */
  flagProblems() {
    const flagged = [...document.querySelectorAll('table.reactions td.reaction')]
      .filter(td => /NO_|no baseline|no trades/.test(td.textContent));
    if (!flagged.length) {
      return ['no flagged cell'];
    }
    const bad = [];
    flagged.forEach(td => {
      const flags = [...td.querySelectorAll('.flag')];
      if (!flags.length) {
        bad.push('flags without an explanation: ' + td.textContent);
      }
      flags.filter(f => !f.title || f.title.length < 20).forEach(f => bad.push('flag without a title: '
        + f.textContent));
    });
    return bad;
  },

  /**
   * The event study's table: each test named in a column's head, numbers right-aligned, "n" and "without model" in
   * columns of their own, and no visible row with fewer than 2 reactions (those folded away in a details element
   * that says how many).
   */
  studyProblems() {
    const bad = [];
    const table = document.querySelector('table.study');
    const heads = [...table.querySelectorAll('thead th')].map(th => th.textContent);
    if (!heads.includes('n') || !heads.includes('without model')) {
      bad.push('columns: ' + heads.join(' | '));
    }
    // every test is named in its column's head; the rank test, whose sums are the newest, shows a value somewhere
    ['cross-sectional t', 'Patell Z', 'BMP t', 'BMP t, Kolari-Pynnönen adj.', 'generalized sign Z',
      'skewness-adj. t (Hall)', 'Wilcoxon signed-rank Z', 'generalized rank Z (Kolari-Pynnönen)']
      .filter(h => !heads.includes(h)).forEach(h => bad.push('no column ' + h + ': ' + heads.join(' | ')));
    const visible = e => e.offsetParent !== null && !e.closest('details:not([open])');
    const rows = [...document.querySelectorAll('table.study tbody tr')].filter(visible);
    rows.forEach(tr => {
      const cells = [...tr.cells];
      const n = Number(cells[heads.indexOf('n')].textContent);
      if (!(n >= 2)) {
        bad.push('a row shown with n ' + n + ': ' + tr.textContent);
      }
      cells.slice(2).forEach(td => {
        if (getComputedStyle(td).textAlign !== 'right') {
          bad.push('a number aligned ' + getComputedStyle(td).textAlign + ': ' + td.textContent);
        }
      });
    });
    const grank = heads.indexOf('generalized rank Z (Kolari-Pynnönen)');
    if (rows.length && !rows.some(tr => /\(p [0-9.]+\)/.test(tr.cells[grank].textContent))) {
      bad.push('no generalized rank Z in any row');
    }
    const hidden = [...document.querySelectorAll('table.study tbody tr')].filter(tr => !visible(tr));
    const summary = document.querySelector('details.study-few summary');
    if (hidden.length && !(summary && summary.textContent.startsWith(hidden.length + ' '))) {
      bad.push(hidden.length + ' rows folded away, summary: ' + (summary ? summary.textContent : null));
    }
    return bad;
  }
})
