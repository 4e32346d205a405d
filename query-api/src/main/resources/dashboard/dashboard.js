// The Lucid dashboard: plain JavaScript, no build step, no library. It reads only the public APIs: query-api's
// REST reads and WebSocket channels (same origin) and command-api's POST /api/v1/pairings (CORS).
'use strict';
(() => {
  const MAX_ROWS = 25;           // rows shown per list panel (newest or best first)
  const MAX_PAYOUT_CHANNELS = 50; // payouts are per node: one channel per recently seen node, up to this many
  const TALLY_POLL_MS = 5000;    // closed epochs have no channel: their list is re-read this often

  const $ = (id) => document.getElementById(id);
  const state = { token: null, config: null, ws: null, retryMs: 1000, channels: new Set(), pairingId: null };

  function text(value) {
    return value === null || value === undefined ? '' : String(value);
  }
  function micro(value) { // micro-USDT as USDT with 6 decimals, exact (integers only)
    if (value === null || value === undefined) return '';
    const n = BigInt(value), sign = n < 0n ? '-' : '', abs = n < 0n ? -n : n;
    return sign + (abs / 1000000n) + '.' + String(abs % 1000000n).padStart(6, '0');
  }
  function bytes(n) {
    if (!n) return '0';
    const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
    let i = 0, v = Number(n);
    while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
    return v.toFixed(i ? 1 : 0) + ' ' + units[i];
  }
  function time(iso) { return iso ? new Date(iso).toLocaleTimeString() : ''; }
  function cls(value, good, bad) {
    return good.includes(value) ? 'ok' : bad.includes(value) ? 'bad' : 'warn';
  }

  function showError(message) {
    const footer = $('last-error');
    footer.textContent = message;
    footer.hidden = !message;
  }
  function setConnection(stateName, label) {
    const el = $('connection');
    el.dataset.state = stateName;
    el.textContent = label;
  }
  function bump(panelId, kind) { // kind: snapshots | updates; the counters let a test see that frames arrive
    const panel = $(panelId);
    panel.dataset[kind] = String(Number(panel.dataset[kind] || 0) + 1);
    if (kind === 'updates') {
      panel.classList.add('flash');
      setTimeout(() => panel.classList.remove('flash'), 300);
    }
  }

  /** Rows of one panel by key, rendered sorted; a row never goes back to an older version. */
  class LiveTable {
    constructor(panelId, key, columns, compare) {
      this.panelId = panelId;
      this.key = key;
      this.columns = columns;
      this.compare = compare;
      this.rows = new Map();
      this.versions = new Map();
      const head = document.createElement('tr');
      for (const [title] of columns) {
        const th = document.createElement('th');
        th.textContent = title;
        head.appendChild(th);
      }
      $(panelId).querySelector('thead').appendChild(head);
    }
    upsert(row, version) {
      const id = row && row[this.key];
      if (id === undefined || id === null) return false;
      const seen = this.versions.get(id);
      if (typeof version === 'number' && typeof seen === 'number' && version < seen) return false;
      if (typeof version === 'number') this.versions.set(id, version);
      this.rows.set(id, row);
      return true;
    }
    /** A snapshot: the rows that {@code belongs} selects are replaced by {@code items}. */
    replace(items, belongs = () => true) {
      for (const [id, row] of this.rows) {
        if (belongs(row)) { this.rows.delete(id); this.versions.delete(id); }
      }
      for (const item of items) this.upsert(item);
    }
    render() {
      const sorted = [...this.rows.values()].sort(this.compare);
      const body = document.createElement('tbody');
      sorted.slice(0, MAX_ROWS).forEach((row, index) => {
        const tr = document.createElement('tr');
        tr.dataset.key = text(row[this.key]);
        for (const [, value, css] of this.columns) {
          const td = document.createElement('td');
          td.textContent = text(value(row, index));
          const c = css ? css(row) : '';
          if (c) td.className = c;
          tr.appendChild(td);
        }
        body.appendChild(tr);
      });
      const table = $(this.panelId).querySelector('table');
      table.replaceChild(body, table.querySelector('tbody'));
      $(this.panelId).querySelector('.count').textContent =
          sorted.length > MAX_ROWS ? `(${MAX_ROWS} of ${sorted.length})` : `(${sorted.length})`;
    }
  }

  const newestFirst = (field) => (a, b) => text(b[field]).localeCompare(text(a[field]));
  const byKey = (field) => (a, b) => text(a[field]).localeCompare(text(b[field]));

  const nodes = new LiveTable('nodes', 'node_id', [
    ['node', (r) => r.node_id],
    ['status', (r) => r.status, (r) => cls(r.status, ['ACTIVE'], ['DEREGISTERED'])],
    ['tier', (r) => r.tier],
    ['pool', (r) => r.pool_id],
    ['health', (r) => r.health && r.health.status, (r) => cls(r.health && r.health.status, ['HEALTHY', 'healthy'], ['UNHEALTHY', 'unhealthy'])],
    ['live score', (r) => r.score ? Number(r.score.live_score).toFixed(1) : '', () => 'num'],
    ['credits', (r) => r.score ? r.score.credits_total : '', () => 'num'],
    ['eligible', (r) => r.score ? (r.score.eligible ? 'yes' : 'no') : ''],
  ], byKey('node_id'));

  const poolMembers = new Map(); // pool id -> member node ids (REST: pools have no member channel)
  const pools = new LiveTable('pools', 'pool_id', [
    ['pool', (r) => r.pool_id],
    ['tier', (r) => r.tier],
    ['status', (r) => r.status, (r) => cls(r.status, ['ACTIVE', 'FULL'], ['DEGRADED'])],
    ['members', (r) => r.member_count, () => 'num'],
    ['leader', (r) => r.leader_node_id],
    ['member nodes', (r) => (poolMembers.get(r.pool_id) || []).join(', ')],
  ], byKey('pool_id'));

  // DOMAIN.md: ranked by weight (credits x uptime), ties by node id, rank 1 = best.
  const rankOrder = (a, b) => (Number(b.weight) - Number(a.weight)) || text(a.node_id).localeCompare(text(b.node_id));
  const leaderboard = new LiveTable('leaderboard', 'node_id', [
    ['#', (r, i) => i + 1, () => 'num'],
    ['node', (r) => r.node_id],
    ['epoch', (r) => r.epoch, () => 'num'],
    ['live score', (r) => Number(r.live_score).toFixed(1), () => 'num'],
    ['credits', (r) => r.credits_total, () => 'num'],
    ['uptime s', (r) => r.uptime_seconds, () => 'num'],
    ['eligible', (r) => (r.eligible ? 'yes' : 'no'), (r) => (r.eligible ? 'ok' : 'warn')],
  ], rankOrder);

  const sessions = new LiveTable('sessions', 'session_id', [
    ['name', (r) => r.name],
    ['state', (r) => r.state, (r) => cls(r.state, ['RECORDING', 'PROCESSED', 'ANCHORED'], ['FAILED'])],
    ['node', (r) => r.node_id],
    ['chunks', (r) => r.chunk_count, () => 'num'],
    ['size', (r) => bytes(r.total_size_bytes), () => 'num'],
    ['merkle root', (r) => (r.merkle_root ? r.merkle_root.slice(0, 12) + '...' : '')],
    ['created', (r) => time(r.created_at)],
  ], newestFirst('created_at'));

  const rdpServers = new LiveTable('rdp-servers', 'server_id', [
    ['name', (r) => r.name],
    ['state', (r) => r.state, (r) => cls(r.state, ['RUNNING'], ['FAILED'])],
    ['port', (r) => r.port, () => 'num'],
    ['node', (r) => r.node_id],
    ['clients', (r) => r.connection_count, () => 'num'],
    ['cpu %', (r) => (r.last_health ? Number(r.last_health.cpu_percent).toFixed(0) : ''), () => 'num'],
    ['responsive', (r) => (r.unresponsive ? 'no' : 'yes'), (r) => (r.unresponsive ? 'bad' : 'ok')],
  ], newestFirst('created_at'));

  const payouts = new LiveTable('payouts', 'payout_id', [
    ['payout', (r) => r.payout_id],
    ['node', (r) => r.node_id],
    ['epoch', (r) => r.epoch, () => 'num'],
    ['state', (r) => r.state, (r) => cls(r.state, ['COMPLETED'], ['FAILED', 'CANCELLED'])],
    ['gross USDT', (r) => micro(r.gross), () => 'num'],
    ['fee', (r) => micro(r.fee), () => 'num'],
    ['net', (r) => micro(r.net), () => 'num'],
    ['tx', (r) => (r.tx_hash ? r.tx_hash.slice(0, 12) + '...' : '')],
    ['updated', (r) => time(r.updated_at)],
  ], newestFirst('created_at'));

  /** What each channel feeds: a table (with the rows a snapshot of it replaces) or a function. */
  function route(channel) {
    if (channel === 'nodes') return { panel: 'nodes', table: nodes, after: followNodes };
    if (channel === 'pools') return { panel: 'pools', table: pools, after: refreshMembers };
    if (channel === 'poot:leaderboard') return { panel: 'leaderboard', table: leaderboard };
    if (channel === 'sessions') return { panel: 'sessions', table: sessions };
    if (channel === 'rdp-servers') return { panel: 'rdp-servers', table: rdpServers };
    if (channel.startsWith('payouts:')) {
      const nodeId = channel.slice('payouts:'.length);
      return { panel: 'payouts', table: payouts, belongs: (row) => row.node_id === nodeId };
    }
    if (channel.startsWith('pairing:')) return { panel: 'pair', entity: showPairing };
    return null;
  }

  function onState(frame) {
    const target = route(frame.channel);
    if (!target) return;
    const snapshot = frame.type === 'snapshot'; // a repeated snapshot (e.g. "reset": true) replaces the same way
    bump(target.panel, snapshot ? 'snapshots' : 'updates');
    const data = frame.data;
    let changed = [];
    if (target.entity) {
      target.entity(data);
      return;
    }
    if (snapshot) {
      const items = data && Array.isArray(data.items) ? data.items : data ? [data] : [];
      target.table.replace(items, target.belongs);
      changed = items;
    } else if (data && target.table.upsert(data, frame.version)) {
      changed = [data];
    }
    target.table.render();
    if (target.after) target.after(changed);
  }

  function followNodes(rows) {
    // A snapshot fills the free places only; a single changed node may take the place of the one seen longest
    // ago. (Evicting on a snapshot would send a burst of frames the server refuses as a flood.)
    const evict = rows.length === 1;
    for (const row of rows) subscribePayouts(row.node_id, evict);
  }
  // The nodes whose payouts the page follows, least recently seen first: a node that changes moves to the end,
  // and when the limit is reached the one not seen for longest makes room, so busy nodes are always followed.
  const payoutChannels = [];
  function subscribePayouts(nodeId, evict) {
    if (!nodeId) return;
    const channel = 'payouts:' + nodeId;
    const at = payoutChannels.indexOf(channel);
    if (at >= 0) {
      payoutChannels.splice(at, 1);
      payoutChannels.push(channel);
      return;
    }
    if (payoutChannels.length >= MAX_PAYOUT_CHANNELS) {
      if (!evict) return;
      unsubscribe(payoutChannels.shift());
    }
    payoutChannels.push(channel);
    subscribe(channel);
  }

  const memberRefresh = new Map(); // pool id -> pending timer: a burst of pool changes costs one read
  function refreshMembers(rows) {
    for (const row of rows) {
      const id = row.pool_id;
      if (!id || memberRefresh.has(id)) continue;
      memberRefresh.set(id, setTimeout(async () => {
        memberRefresh.delete(id);
        try {
          const answer = await read('/api/v1/pools/' + encodeURIComponent(id) + '/members?limit=100');
          poolMembers.set(id, (answer.items || []).map((m) => m.node_id).sort());
          pools.render();
        } catch (e) {
          showError('pool members of ' + id + ': ' + e.message);
        }
      }, 250));
    }
  }

  async function read(path) {
    const response = await fetch(path, { headers: { Authorization: 'Bearer ' + state.token, Accept: 'application/json' } });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(problem(response, body));
    return body;
  }
  function problem(response, body) {
    return `${response.status} ${body.code || ''} ${body.detail || body.title || ''}`.trim();
  }

  // --- the epoch panel: the time base from the config, closed epochs from the tallies list ---
  function tickEpoch() {
    const base = state.config && state.config.poot;
    if (!base) return;
    const slotMs = base.slot_seconds * 1000;
    const elapsed = Date.now() - Date.parse(base.genesis);
    const slot = Math.floor(elapsed / slotMs);
    const epoch = Math.floor(slot / base.slots_per_epoch);
    const endMs = Date.parse(base.genesis) + (epoch + 1) * base.slots_per_epoch * slotMs;
    $('current-slot').textContent = String(slot);
    $('current-epoch').textContent = String(epoch);
    $('epoch-left').textContent = Math.max(0, Math.round((endMs - Date.now()) / 1000)) + ' s (then the close grace)';
  }
  let lastTally = null;
  async function pollTallies() {
    if (!state.token) return;
    try {
      const answer = await read('/api/v1/poot/tallies?limit=1');
      const tally = (answer.items || [])[0];
      const summary = tally
          ? `epoch ${tally.epoch}: ${text(tally.eligible_count)} eligible, rewards ${micro(tally.rewards ? tally.rewards.distributed : null)} USDT`
          : 'none yet';
      if (summary !== lastTally) {
        bump('epoch', lastTally === null ? 'snapshots' : 'updates');
        lastTally = summary;
        $('last-tally').textContent = summary;
      }
    } catch (e) {
      showError('tallies: ' + e.message);
    }
  }

  // --- pairing: started on command-api, followed on the pairing:<id> channel ---
  async function startPairing() {
    $('pairing-error').hidden = true;
    try {
      const response = await fetch(state.config.command_api_url + '/api/v1/pairings', {
        method: 'POST',
        headers: { Authorization: 'Bearer ' + state.token, 'Content-Type': 'application/json', Accept: 'application/json' },
        body: '{}',
      });
      const body = await response.json().catch(() => ({}));
      if (!response.ok) throw new Error(problem(response, body));
      if (state.pairingId) unsubscribe('pairing:' + state.pairingId);
      state.pairingId = body.pairing_id;
      $('pair').classList.remove('paired');
      $('pairing').hidden = false;
      if (typeof body.qr_code === 'string' && body.qr_code.startsWith('data:image/png;base64,')) {
        $('pairing-qr').src = body.qr_code;
      }
      $('pairing-id').textContent = body.pairing_id;
      $('pairing-expires').textContent = time(body.expires_at);
      $('pairing-state').textContent = 'waiting for a device to scan the code';
      subscribe('pairing:' + body.pairing_id);
    } catch (e) {
      $('pairing-error').textContent = 'cannot start a pairing: ' + e.message;
      $('pairing-error').hidden = false;
    }
  }
  function showPairing(pairing) {
    if (!pairing || pairing.pairing_id !== state.pairingId) return;
    const done = pairing.state === 'COMPLETED';
    $('pair').classList.toggle('paired', done);
    $('pairing-state').textContent = done
        ? 'paired: device ' + text(pairing.device_id)
        : pairing.state === 'STARTED' ? 'waiting for a device to scan the code'
        : 'pairing ' + text(pairing.state).toLowerCase();
  }

  // --- the WebSocket: auth, then the channels; reconnects with a growing pause ---
  function send(frame) {
    if (state.ws && state.ws.readyState === WebSocket.OPEN) state.ws.send(JSON.stringify(frame));
  }
  function subscribe(channel) {
    state.channels.add(channel);
    send({ type: 'subscribe', channel });
  }
  function unsubscribe(channel) {
    state.channels.delete(channel);
    send({ type: 'unsubscribe', channel });
  }

  function connect() {
    if (state.ws) state.ws.close(1000, 'reconnecting');
    const ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws');
    state.ws = ws;
    setConnection('connecting', 'connecting...');
    ws.onopen = () => ws.send(JSON.stringify({ type: 'auth', token: state.token }));
    ws.onmessage = (event) => {
      let frame;
      try { frame = JSON.parse(event.data); } catch (e) { return; }
      if (!frame || typeof frame.type !== 'string') return;
      switch (frame.type) {
        case 'auth_success':
          state.retryMs = 1000;
          setConnection('live', 'live as ' + text(frame.subject || frame.device_id));
          $('start-pairing').disabled = false;
          showError('');
          for (const channel of ['nodes', 'pools', 'poot:leaderboard', 'sessions', 'rdp-servers', ...state.channels]) {
            subscribe(channel);
          }
          loadPayouts();
          break;
        case 'snapshot':
        case 'update':
          onState(frame);
          break;
        case 'error':
          showError('server: ' + text(frame.code) + (frame.channel ? ' on ' + frame.channel : '') + ': ' + text(frame.message));
          break;
        default: // pong and frame types this page does not know: nothing to do
      }
    };
    ws.onclose = (event) => {
      if (state.ws !== ws) return;
      $('start-pairing').disabled = true;
      setConnection('error', `disconnected (${event.code}${event.reason ? ': ' + event.reason : ''}), retrying`);
      setTimeout(() => { if (state.ws === ws) connect(); }, state.retryMs);
      state.retryMs = Math.min(state.retryMs * 2, 15000);
    };
  }

  /** Recent payouts over REST (newest first); their per-node channels keep them current. */
  async function loadPayouts() {
    try {
      const answer = await read('/api/v1/payouts?limit=' + MAX_ROWS);
      for (const row of answer.items || []) {
        payouts.upsert(row);
        subscribePayouts(row.node_id);
      }
      payouts.render();
    } catch (e) {
      showError('payouts: ' + e.message);
    }
  }

  async function init() {
    try {
      const response = await fetch('/dashboard-config.json', { cache: 'no-store' });
      state.config = await response.json();
    } catch (e) {
      showError('cannot read /dashboard-config.json: ' + e.message);
      return;
    }
    nodes.render(); pools.render(); leaderboard.render(); sessions.render(); rdpServers.render(); payouts.render();
    setInterval(tickEpoch, 1000);
    tickEpoch();
    setInterval(pollTallies, TALLY_POLL_MS);
    $('start-pairing').addEventListener('click', startPairing);
    $('token-form').addEventListener('submit', (event) => {
      event.preventDefault();
      const token = $('token').value.trim();
      if (!token) return;
      state.token = token;
      connect();
      pollTallies();
    });
    if (state.config.token) { // a development stack prefills its token (loopback callers only)
      $('token').value = state.config.token;
      state.token = state.config.token;
      connect();
      pollTallies();
    }
  }

  document.addEventListener('DOMContentLoaded', init);
})();
