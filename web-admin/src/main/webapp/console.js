// The LightReasoner admin console: a thin page over the REST API (api/...), routed by the URL hash.
// The user signs in with the console's own form; the credentials stay in this tab's sessionStorage and go
// out as an Authorization header (never through the browser's login prompt, so a forged cross-site request
// carries none). Every mutation also sends X-Requested-By and asks for confirmation first.
'use strict';

const view = document.getElementById('view');
let refreshTimer = null;
let me = null;                       // { user, role, canOperate, canAdminister } once signed in

class Unauthorized extends Error {}

function authHeaders() {
  const headers = { 'X-Requested-By': 'console' };
  const credentials = sessionStorage.getItem('lr.credentials');
  if (credentials) {
    headers['Authorization'] = 'Basic ' + credentials;
  }
  return headers;
}

async function api(path, options = {}) {
  // a bounded wait: pages render one at a time, so a request that never answers must not hold the console
  const init = { method: options.method || 'GET', headers: authHeaders(), signal: AbortSignal.timeout(60000) };
  const credentials = sessionStorage.getItem('lr.credentials');
  if (options.body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }
  const response = await fetch('api/' + path, init);
  if (response.status === 401) {
    throw new Unauthorized(credentials ? 'wrong user name or password' : 'please sign in');
  }
  const text = await response.text();
  const body = text && (response.headers.get('Content-Type') || '').includes('json') ? JSON.parse(text) : text;
  if (!response.ok) {
    throw new Error((body && body.error) ? body.error + (body.parameter ? ' (' + body.parameter + ')' : '') : 'HTTP ' + response.status);
  }
  return body;
}

/** Saves an API file with this tab's credentials (a plain link would make the browser ask for a login). */
async function download(path, filename) {
  const response = await fetch('api/' + path, { headers: authHeaders() });
  if (!response.ok) {
    throw new Error(`download of ${filename} failed: HTTP ${response.status}`);
  }
  const url = URL.createObjectURL(await response.blob());
  const link = Object.assign(document.createElement('a'), { href: url, download: filename });
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

function esc(value) {
  return String(value ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

function flash(message, kind = 'ok') {
  document.getElementById('flash').innerHTML = message ? `<div class="${kind}">${esc(message)}</div>` : '';
}

function status(s) {
  return `<span class="status ${esc(s)}">${esc(s)}</span>`;
}

function when(t) {
  return t ? new Date(String(t).replace(/\[.*\]$/, '')).toLocaleString() : '';
}

/** An execution's progress, or that it waits for the server's training slot. */
function progressOf(e) {
  return e.queuedBehind != null
    ? `<span class="queued">queued behind training <a href="#/executions/${e.queuedBehind}">#${e.queuedBehind}</a></span>`
    : progressCell(e.progress);
}

function progressCell(p) {
  if (!p) {
    return '<span class="muted">–</span>';
  }
  const pct = p.total ? Math.min(100, Math.round(100 * p.done / p.total)) : null;
  const bar = pct === null ? '' : `<span class="bar" data-progress="${pct}"><span style="width:${pct}%"></span></span> ${pct} % `;
  const eta = p.etaSeconds != null ? ` · ETA ${p.etaSeconds} s` : '';
  return `${bar}<span class="muted">${p.done}${p.total ? ' / ' + p.total : ''} ${esc(p.unit)}s${eta}</span>`;
}

// ---------------------------------------------------------------- pages

async function executionsPage(query) {
  const job = query.get('job') || '';
  const st = query.get('status') || '';
  const offset = Number(query.get('offset') || 0);
  const page = 'executions?' + query;
  if (view.dataset.page !== page || !document.getElementById('executions')) {
    // the filters are built once per query: the 2-s refresh replaces the table only, so an open list stays open
    const jobs = await api('jobs');
    const option = (v, cur) => `<option ${v === cur ? 'selected' : ''}>${esc(v)}</option>`;
    view.innerHTML = `<h1>Executions</h1>
      <div class="filters">Job <select id="f-job"><option value="">all</option>${jobs.map(j => option(j, job)).join('')}</select>
        Status <select id="f-status"><option value="">all</option>${['STARTED', 'COMPLETED', 'FAILED', 'STOPPED', 'ABANDONED'].map(s => option(s, st)).join('')}</select>
        <span class="muted">refreshes every 2 s</span></div>
      <table id="executions"></table><p id="pager"></p>`;
    view.dataset.page = page;
    const go = () => { location.hash = '#/executions?' + new URLSearchParams({ job: document.getElementById('f-job').value, status: document.getElementById('f-status').value }); };
    document.getElementById('f-job').onchange = go;
    document.getElementById('f-status').onchange = go;
  }
  const params = new URLSearchParams({ limit: 25, offset });
  if (job) params.set('job', job);
  if (st) params.set('status', st);
  const executions = await api('executions?' + params);
  document.getElementById('executions').innerHTML = `<tr><th>#</th><th>Job</th><th>Status</th><th>Progress</th><th>Exit status</th><th>Created</th></tr>
    ${executions.map(e => `<tr data-execution="${e.executionId}"><td><a href="#/executions/${e.executionId}">${e.executionId}</a></td>
      <td>${esc(e.job)}</td><td>${status(e.batchStatus)}</td><td>${progressOf(e)}</td>
      <td class="muted">${esc(e.exitStatus)}</td><td>${when(e.createTime)}</td></tr>`).join('')}`;
  document.getElementById('pager').innerHTML = `${offset > 0 ? `<a href="#/executions?${new URLSearchParams({ job, status: st, offset: Math.max(0, offset - 25) })}">newer</a> ` : ''}
     ${executions.length === 25 ? `<a href="#/executions?${new URLSearchParams({ job, status: st, offset: offset + 25 })}">older</a>` : ''}`;
  refreshTimer = setTimeout(route, 2000);
}

async function executionPage(id) {
  const e = await api('executions/' + id);
  const finished = !['STARTING', 'STARTED', 'STOPPING'].includes(e.batchStatus);
  const restartable = ['FAILED', 'STOPPED'].includes(e.batchStatus);
  const steps = e.steps.map(s => `<tr><td>${esc(s.name)}</td><td>${status(s.batchStatus)}</td>
      <td>${Object.entries(s.metrics).filter(([, v]) => v).map(([k, v]) => `${esc(k)}=${v}`).join(' ')}</td>
      <td class="muted">${esc(s.exitStatus)}</td></tr>`).join('');
  const links = runLinks(e);
  // a sharded run: where each shard ran and how far it is (the parent waits for all of them)
  const shards = e.shards ? `<h2>Shards</h2><table id="shards"><tr><th>Shard</th><th>Items</th><th>Done</th><th>State</th>
      <th>Node</th><th>Execution</th><th>Attempts</th><th>Note</th></tr>${e.shards.map(s => `<tr><td>${s.shard}</td>
      <td>${s.first}–${s.first + s.count - 1}</td><td>${s.itemsDone} of ${s.count}</td><td>${status(s.state)}</td>
      <td>${esc(s.node || '–')}</td><td>${s.executionId ? `<a href="#/executions/${s.executionId}">#${s.executionId}</a>` : '–'}</td>
      <td>${s.attempts}</td><td class="muted">${esc(s.message || '')}</td></tr>`).join('')}</table>` : '';
  view.innerHTML = `<h1>${esc(e.job)} · execution ${e.executionId} ${status(e.batchStatus)}</h1>
    <p>Instance ${e.instanceId} · created ${when(e.createTime)} · ended ${when(e.endTime) || '–'}</p>
    <p>Exit status: <code id="exit-status">${esc(e.exitStatus)}</code></p>
    <p id="progress">Progress: ${progressOf(e)}</p>
    ${e.progress && e.progress.resumePoint ? `<p id="resume-point">A restart resumes at <strong>${esc(e.progress.resumePoint)}</strong> (from the last checkpoint).</p>` : ''}
    <p>${!finished ? '<button id="stop" class="operate">Stop</button>' : ''}
       ${restartable ? '<button id="restart" class="operate">Restart from checkpoint…</button>' : ''}
       ${finished && e.batchStatus !== 'ABANDONED' && e.batchStatus !== 'COMPLETED' ? '<button id="abandon" class="operate">Abandon…</button>' : ''}
       <a id="run-again" class="operate" href="#/jobs/${esc(e.job)}?from=${e.executionId}">Run again with these parameters…</a>
       ${links}</p>
    <h2>Steps</h2><table><tr><th>Step</th><th>Status</th><th>Metrics</th><th>Exit status</th></tr>${steps}</table>
    ${shards}
    <h2>Parameters</h2><table>${Object.entries(e.parameters).map(([k, v]) => `<tr><td>${esc(k)}</td><td>${esc(v)}</td></tr>`).join('')}</table>
    <div id="restart-form"></div>
    ${finished ? '<h2>Lineage</h2><div id="lineage" class="muted">loading…</div>' : ''}
    <h2>Log <span class="muted">(last 200 lines this execution wrote)</span></h2><pre id="log" class="log">loading…</pre>`;
  api(`executions/${id}/log?limit=200`).then(text => { document.getElementById('log').textContent = text || '(no lines yet)'; })
    .catch(err => { document.getElementById('log').textContent = err.message; });
  if (finished) {
    api(`runs/${e.instanceId}/lineage`).then(l => {
      document.getElementById('lineage').innerHTML = `<ul class="lineage">${lineageNode(l.run)}</ul>
        <p class="muted">${Object.entries(l.environment).map(([k, v]) => `${esc(k)} ${esc(v)}`).join(' · ')}</p>`;
    }).catch(err => { document.getElementById('lineage').textContent = err.message; });
  }
  const on = (elementId, action) => { const b = document.getElementById(elementId); if (b) b.onclick = action; };
  on('stop', async () => {
    if (!confirm(`Stop execution ${id}? It stops at its next checkpoint.`)) return;
    try { await api(`executions/${id}/stop`, { method: 'POST', body: {} }); flash('Stop requested'); route(); } catch (err) { flash(err.message, 'error'); }
  });
  on('abandon', async () => {
    const reason = prompt(`Abandon execution ${id} for good (it can never be restarted)? Reason:`);
    if (!reason) return;
    try { await api(`executions/${id}/abandon`, { method: 'POST', body: { reason } }); flash('Abandoned'); route(); } catch (err) { flash(err.message, 'error'); }
  });
  on('restart', () => restartForm(e));
  if (!finished) refreshTimer = setTimeout(route, 2000);
}

/** One run of a lineage and, nested below it, the runs it came from; artifacts with their short SHA-256. */
function lineageNode(run) {
  const artifact = a => `<span class="artifact" title="${esc(a.sha256 || '')}">${esc(a.role)}: ${esc(a.path)}${a.sha256 ? ' <code>' + esc(a.sha256.slice(0, 12)) + '</code>' : ''}</span>`;
  const results = Object.entries(run.results || {}).map(([k, v]) => `${esc(k)}=${esc(typeof v === 'number' && !Number.isInteger(v) ? v.toFixed(3) : v)}`).join(' ');
  return `<li><a href="#/executions/${run.executionId}">${esc(run.job)} #${run.instanceId}</a> ${status(run.status)}
    ${run.parameters.seed !== undefined ? `<span class="muted">seed ${esc(run.parameters.seed)}</span>` : ''}
    <div>${run.inputs.map(artifact).join(' ')} ${run.outputs.length ? '→ ' + run.outputs.map(artifact).join(' ') : ''}</div>
    ${results ? `<div class="muted">${results}</div>` : ''}
    ${run.from.length ? `<ul>${run.from.map(lineageNode).join('')}</ul>` : ''}</li>`;
}

/** Restart: the original parameters are shown (a restart keeps them); changed fields become overrides. */
function restartForm(e) {
  const form = document.getElementById('restart-form');
  form.innerHTML = `<h2>Restart execution ${e.executionId}</h2>
    <p>Resumes ${e.progress && e.progress.resumePoint ? 'at ' + esc(e.progress.resumePoint) : 'from the last checkpoint'}. Parameters you leave unchanged keep their original values.</p>
    <form class="job" id="restart-params">${Object.entries(e.parameters).map(([k, v]) =>
      `<label>${esc(k)}</label><input name="${esc(k)}" value="${esc(v)}">`).join('')}
    <p><button type="submit" id="confirm-restart">Restart</button></p></form>`;
  document.getElementById('restart-params').onsubmit = async ev => {
    ev.preventDefault();
    const overrides = {};
    for (const input of ev.target.querySelectorAll('input')) {
      if (input.value !== e.parameters[input.name]) overrides[input.name] = input.value;
    }
    if (!confirm(`Restart execution ${e.executionId}${Object.keys(overrides).length ? ' with ' + JSON.stringify(overrides) : ''}?`)) return;
    try {
      const next = await api(`executions/${e.executionId}/restart`, { method: 'POST', body: overrides });
      flash(`Restarted as execution ${next.executionId}`);
      location.hash = '#/executions/' + next.executionId;
    } catch (err) { flash(err.message, 'error'); }
  };
}

function runLinks(e) {
  const run = e.instanceId;
  switch (e.job) {
    case 'sample': case 'import-samples': case 'sft-sample': return `<a href="#/sampling-runs/${run}">Sampling run ${run}</a>`;
    case 'train': case 'pretrain': return `<a href="#/training-runs/${run}">Training curve</a>`;
    case 'evaluate': return `<a href="#/evaluation-runs/${run}">Evaluation ${run}</a>`;
    case 'lightreasoner': return `<a href="#/pipelines/${run}">Pipeline report</a>`;
    default: return '';
  }
}

/** What a form offers of a job's parameters: all but the fault-injection ones (for the tests) and the internal ones (set by the server). */
function offered(parameters) {
  return parameters.filter(p => !p.faultInjection && !p.internal);
}

/** Collects the form's fields whose value differs from the declared default (the server fills in the rest). */
function changedValues(container) {
  const body = {};
  for (const input of container.querySelectorAll('input[name], select[name]')) {
    if (input.value !== '' && input.value !== input.dataset.default) body[input.name] = input.value;
  }
  return body;
}

/** Pickers: the model and adapter folders and JSONL files under the data root, and the prepared datasets. */
async function pickers() {
  const [files, datasets] = await Promise.all([api('files'), api('datasets')]);
  const options = values => values.map(v => `<option value="${esc(v)}">`).join('');
  return `<datalist id="dl-paths">${options([...files.models, ...files.adapters, ...files.jsonl])}</datalist>
    <datalist id="dl-datasets">${options(Object.keys(datasets))}</datalist>`;
}

/**
 * A job's generated fields: its offered parameters and, for a pipeline, each stage job's own parameters with the
 * stage's prefix, less what the pipeline sets itself; {@code given} values (run again) replace the defaults.
 */
async function jobFields(schema, given = {}) {
  const stages = await Promise.all(Object.entries(schema.stages || {}).map(async ([prefix, stage]) =>
    ({ prefix, stage, parameters: offered((await api('jobs/' + stage.job)).parameters).filter(p => !stage.setByPipeline.includes(p.name)) })));
  return offered(schema.parameters).map(p => field(p, '', given)).join('')
    + stages.map(({ prefix, stage, parameters }) => `<details class="stage" id="stage-${esc(prefix)}"
          ${parameters.some(p => (prefix + '.' + p.name) in given) ? 'open' : ''}>
        <summary>Stage settings <code>${esc(prefix)}.*</code> (job ${esc(stage.job)})</summary>
        ${parameters.map(p => field(p, prefix + '.', given)).join('')}</details>`).join('');
}

async function jobsPage(selected, query) {
  const jobs = await api('jobs');
  const job = selected || jobs[0];
  const schema = await api('jobs/' + job);
  const from = query.get('from');
  const given = from ? (await api('executions/' + from)).parameters : {};
  view.innerHTML = `<h1>Start a job</h1>
    <p>${jobs.map(j => j === job ? `<strong>${esc(j)}</strong>` : `<a href="#/jobs/${j}">${esc(j)}</a>`).join(' · ')}</p>
    <p>${esc(schema.help)}</p>
    ${from ? `<p id="run-again-of">The parameters of execution ${esc(from)}: change what should differ.</p>` : ''}
    <form class="job" id="start-form">${await jobFields(schema, given)}
      <p><button type="submit" id="start" class="operate">Start ${esc(job)}</button></p></form>
    ${await pickers()}`;
  document.getElementById('start-form').onsubmit = async ev => {
    ev.preventDefault();
    try {
      const started = await api(`jobs/${job}/executions`, { method: 'POST', body: changedValues(ev.target) });
      flash(`Started ${job} as execution ${started.executionId}`);
      location.hash = '#/executions/' + started.executionId;
    } catch (err) { flash(err.message, 'error'); }
  };
}

/** One parameter's input: its declared default as data-default, the given value (run again) when there is one. */
function field(p, prefix = '', given = {}) {
  const name = prefix + p.name;
  const bounds = [p.min != null ? 'min ' + p.min : '', p.max != null ? 'max ' + p.max : ''].filter(Boolean).join(', ');
  const label = `<label for="p-${esc(name)}">${esc(name)}${p.required ? ' *' : ''}</label>`;
  const help = `<div class="muted">${esc(p.help)}${bounds ? ' (' + bounds + ')' : ''}</div>`;
  const def = p.defaultValue ?? '';
  const value = given[name] ?? def;
  const choices = p.type.startsWith('enum:') ? p.type.substring(5).split(',') : p.type === 'boolean' ? ['true', 'false'] : null;
  if (choices) {
    return label + `<select id="p-${esc(name)}" name="${esc(name)}" data-default="${esc(def)}">${choices
      .map(v => `<option ${v === value ? 'selected' : ''}>${esc(v)}</option>`).join('')}</select>` + help;
  }
  const list = p.type === 'path' ? 'list="dl-paths"' : p.name === 'dataset' ? 'list="dl-datasets"' : '';
  return label + `<input id="p-${esc(name)}" name="${esc(name)}" value="${esc(value)}" data-default="${esc(def)}" ${list}
    ${p.required ? 'required' : ''}>` + help;
}

async function samplingRunPage(id) {
  const run = await api('sampling-runs/' + id);
  const samples = await api(`sampling-runs/${id}/samples?limit=20&text=true`);
  view.innerHTML = `<h1>Sampling run ${run.id} (${esc(run.kind)})</h1>
    <table><tr><th>Dataset</th><td>${esc(run.dataset)}</td><th>Expert</th><td>${esc(run.expert)}</td><th>Amateur</th><td>${esc(run.amateur)}</td></tr>
    <tr><th>α / β</th><td>${run.alpha} / ${run.beta}</td><th>Questions</th><td>${run.questionsDone} of ${run.questionLimit}</td>
    <th>Kept</th><td id="kept-rate">${run.stepsKept} of ${run.stepsConsidered} steps (${(100 * run.keptRate).toFixed(1)} %), mean KL ${run.meanKl.toFixed(3)}</td></tr></table>
    <h2>KL histogram (0.1 bins; last = 5.0 and above)</h2><div id="kl-chart"></div>
    <h2>First samples</h2><table id="samples"><tr><th>Question</th><th>Step</th><th>KL</th><th>…end of the expert's prefix</th><th>Soft label (token: weight)</th></tr>
    ${samples.map(s => `<tr><td>${s.question}</td><td>${s.step}</td><td>${s.kl.toFixed(3)}</td>
      <td><code>${s.prefix == null ? esc(s.prefixIds.slice(-12).join(' ')) : esc(s.prefix.length > 80 ? '…' + s.prefix.slice(-80) : s.prefix)}</code></td>
      <td>${(s.tokens || s.tokenIds).map((t, i) => `<code>${esc(t)}</code>: ${s.weights[i].toFixed(3)}`).join(' · ')}</td></tr>`).join('')}</table>
    <p><button id="download-samples">Download samples.jsonl</button></p>`;
  document.getElementById('download-samples').onclick = () =>
    download(`sampling-runs/${id}/samples.jsonl`, `samples-run-${id}.jsonl`).catch(err => flash(err.message, 'error'));
  const hist = run.klHistogram || [];
  const xs = hist.map((_, i) => i / 10);
  chart('kl-chart', 'steps', [xs, hist], true);
}

async function trainingRunPage(id) {
  const [run, steps] = await Promise.all([api('training-runs/' + id), api(`training-runs/${id}/steps`)]);
  const running = ['STARTING', 'STARTED', 'STOPPING'].includes(run.batchStatus);
  view.innerHTML = `<h1>Training run ${id} ${status(run.batchStatus)}</h1>
    <p>${steps.length} optimizer steps recorded${steps.length ? `, last loss ${steps[steps.length - 1].loss.toFixed(4)}` : ''}
      · <a href="#/executions/${run.executionId}">execution ${run.executionId}</a>${running ? ' · <span class="muted">refreshes every 5 s</span>' : ''}</p>
    ${run.job === 'train' && run.batchStatus === 'COMPLETED' ? '<p><button id="download-adapter">Download the adapter (PEFT, zip)</button></p>' : ''}
    <h2>Loss</h2><div id="loss-chart"></div><h2>Gradient norm (before clipping)</h2><div id="grad-chart"></div>
    <h2>Learning rate</h2><div id="lr-chart"></div>`;
  const adapter = document.getElementById('download-adapter');
  if (adapter) adapter.onclick = () => download(`training-runs/${id}/adapter.zip`, `adapter-train-${id}.zip`).catch(err => flash(err.message, 'error'));
  const x = steps.map(s => s.step);
  chart('loss-chart', 'loss', [x, steps.map(s => s.loss)]);
  chart('grad-chart', 'gradient norm', [x, steps.map(s => s.gradNorm)]);
  chart('lr-chart', 'learning rate', [x, steps.map(s => s.learningRate)]);
  if (running) refreshTimer = setTimeout(route, 5000);
}

async function evaluationRunPage(id) {
  const acc = await api('evaluation-runs/' + id);
  const items = await api(`evaluation-runs/${id}/items?limit=25`);
  view.innerHTML = `<h1>Evaluation ${id}</h1><p id="accuracy">Accuracy ${acc.percent.toFixed(1)} % (${acc.correct} / ${acc.items})</p>
    <table><tr><th>#</th><th>Predicted</th><th>Gold</th><th>Correct</th><th>Output</th></tr>${items.map(i => `<tr><td>${i.index}</td>
    <td>${esc(i.predicted)}</td><td>${esc(i.gold)}</td><td>${i.correct ? '✓' : '✗'}</td><td><pre>${esc(i.output)}</pre></td></tr>`).join('')}</table>`;
}

async function pipelinePage(id) {
  const stages = await api('pipelines/' + id);
  let report = '';
  try { report = await api(`pipelines/${id}/report.md`); } catch (err) { report = '(no report yet: ' + err.message + ')'; }
  view.innerHTML = `<h1>Pipeline ${id}</h1>
    <table><tr><th>Stage</th><th>Job</th><th>Execution</th><th>Status</th><th>Seconds</th></tr>${stages.map(s => `<tr><td>${esc(s.stage)}</td>
      <td>${esc(s.job)}</td><td><a href="#/executions/${s.executionId}">${s.executionId}</a></td><td>${status(s.status)}${s.reused ? ` <span class="muted reused">reused from <a href="#/executions/${s.executionId}">#${s.runId}</a></span>` : ''}</td>
      <td>${s.seconds.toFixed(1)}</td></tr>`).join('')}</table>
    <h2>Report</h2><p><button id="download-report">Download report.md</button></p><pre id="report">${esc(report)}</pre>`;
  document.getElementById('download-report').onclick = () =>
    download(`pipelines/${id}/report.md`, `report-pipeline-${id}.md`).catch(err => flash(err.message, 'error'));
}

async function auditPage(query) {
  const before = query.get('before') || 0;
  const rows = await api(`audit?limit=50&before=${before}`);
  view.innerHTML = `<h1>Audit log</h1><table id="audit"><tr><th>#</th><th>When</th><th>Who</th><th>Action</th><th>Target</th><th>Parameters</th><th>Result</th></tr>
    ${rows.map(a => `<tr><td>${a.id}</td><td>${when(a.at)}</td><td>${esc(a.actor)}</td><td>${esc(a.action)}</td><td>${esc(a.target)}</td>
      <td class="muted">${esc(a.parameters)}</td><td>${esc(a.result)}</td></tr>`).join('')}</table>
    ${rows.length === 50 ? `<p><a href="#/audit?before=${rows[rows.length - 1].id}">older</a></p>` : ''}`;
}

async function policiesPage() {
  const policies = await api('restart-policies');
  const jobs = await api('jobs');
  view.innerHTML = `<h1>Automatic restart policies</h1>
    <p>A FAILED execution whose exit status matches the pattern is restarted from its checkpoint after the backoff
       (doubled per attempt), at most maxAttempts times per job instance. Default pattern: crashed servers only.</p>
    <table><tr><th>Job</th><th>Max attempts</th><th>Backoff (s)</th><th>Exit status pattern</th><th></th></tr>
    ${policies.map(p => `<tr><td>${esc(p.job)}</td><td>${p.maxAttempts}</td><td>${p.backoffSeconds}</td><td><code>${esc(p.transientPattern)}</code></td>
      <td><button data-delete="${esc(p.job)}" class="administer">Delete</button></td></tr>`).join('')}</table>
    <h2>Set a policy</h2><form class="job" id="policy-form">
      <label>job</label><select name="job">${jobs.map(j => `<option>${esc(j)}</option>`).join('')}</select>
      <label>maxAttempts</label><input name="maxAttempts" value="3">
      <label>backoffSeconds</label><input name="backoffSeconds" value="30">
      <label>transientPattern</label><input name="transientPattern" value="CRASHED.*">
      <p><button type="submit" class="administer">Save</button></p></form>`;
  document.getElementById('policy-form').onsubmit = async ev => {
    ev.preventDefault();
    const f = new FormData(ev.target);
    try {
      await api(`jobs/${f.get('job')}/restart-policy`, { method: 'PUT', body: { maxAttempts: f.get('maxAttempts'), backoffSeconds: f.get('backoffSeconds'), transientPattern: f.get('transientPattern') } });
      flash('Saved'); route();
    } catch (err) { flash(err.message, 'error'); }
  };
  for (const b of view.querySelectorAll('button[data-delete]')) {
    b.onclick = async () => {
      if (!confirm(`Delete the restart policy of ${b.dataset.delete}?`)) return;
      try { await api(`jobs/${b.dataset.delete}/restart-policy`, { method: 'DELETE' }); route(); } catch (err) { flash(err.message, 'error'); }
    };
  }
}

async function schedulesPage() {
  const schedules = await api('schedules');
  const jobs = await api('jobs');
  view.innerHTML = `<h1>Schedules</h1>
    <p>Persistent timers (they survive server restarts). A firing is skipped while the schedule's previous run is still active.</p>
    <table id="schedules"><tr><th>#</th><th>Job</th><th>Cron (s m h dom mon dow)</th><th>Zone</th><th>Parameters</th><th>Next firing</th><th>Last firing</th><th>Result</th><th></th></tr>
    ${schedules.map(s => `<tr><td>${s.id}</td><td>${esc(s.job)}</td><td><code>${esc(s.cron)}</code></td><td>${esc(s.timezone)}</td>
      <td class="muted">${esc(Object.entries(s.parameters).map(([k, v]) => k + '=' + v).join(' '))}</td>
      <td class="next-fire">${s.paused ? '<span class="muted">paused</span>' : when(s.nextFireAt)}</td><td>${when(s.lastFiredAt)}</td>
      <td>${s.lastExecutionId ? `<a href="#/executions/${s.lastExecutionId}">${esc(s.lastResult)}</a>` : esc(s.lastResult)}</td>
      <td><button data-toggle="${s.id}" data-paused="${s.paused}" class="administer">${s.paused ? 'Resume' : 'Pause'}</button>
          <button data-remove="${s.id}" class="administer">Delete</button></td></tr>`).join('')}</table>
    <h2>New schedule</h2><form class="job" id="schedule-form">
      <label for="s-job">job</label><select id="s-job">${jobs.map(j => `<option>${esc(j)}</option>`).join('')}</select>
      <label for="s-cron">cron</label><input id="s-cron" value="0 0 2 * * *"><div class="muted">second minute hour dayOfMonth month dayOfWeek</div>
      <label for="s-timezone">timezone</label><input id="s-timezone" value="UTC">
      <fieldset id="schedule-parameters"></fieldset>
      <p><button type="submit" id="create-schedule" class="administer">Create</button></p></form>
    ${await pickers()}`;
  // the job's parameters as the same generated fields as the start form
  const showParameters = async () => {
    const schema = await api('jobs/' + document.getElementById('s-job').value);
    document.getElementById('schedule-parameters').innerHTML = `<legend>Parameters of ${esc(schema.name)}</legend>`
      + await jobFields(schema);
  };
  document.getElementById('s-job').onchange = () => showParameters().catch(err => flash(err.message, 'error'));
  await showParameters();
  document.getElementById('schedule-form').onsubmit = async ev => {
    ev.preventDefault();
    try {
      await api('schedules', { method: 'POST', body: { job: document.getElementById('s-job').value, cron: document.getElementById('s-cron').value,
        timezone: document.getElementById('s-timezone').value, parameters: changedValues(document.getElementById('schedule-parameters')) } });
      flash('Schedule created'); route();
    } catch (err) { flash(err.message, 'error'); }
  };
  for (const b of view.querySelectorAll('button[data-toggle]')) {
    b.onclick = async () => {
      try { await api(`schedules/${b.dataset.toggle}/${b.dataset.paused === 'true' ? 'resume' : 'pause'}`, { method: 'POST', body: {} }); route(); } catch (err) { flash(err.message, 'error'); }
    };
  }
  for (const b of view.querySelectorAll('button[data-remove]')) {
    b.onclick = async () => {
      if (!confirm(`Delete schedule ${b.dataset.remove}?`)) return;
      try { await api(`schedules/${b.dataset.remove}`, { method: 'DELETE' }); route(); } catch (err) { flash(err.message, 'error'); }
    };
  }
}

function chart(elementId, label, data, bars = false) {
  const element = document.getElementById(elementId);
  if (!data[0].length) {
    element.textContent = 'no data yet';
    return;
  }
  const series = { label, stroke: '#3b82f6', width: 2 };
  if (bars) {
    series.paths = uPlot.paths.bars({ size: [0.9] });
    series.fill = '#93c5fd';
  }
  new uPlot({ width: Math.min(900, window.innerWidth - 80), height: 260, scales: { x: { time: false } },
    axes: [{}, { size: 70 }], series: [{}, series] }, data, element);
}

// ---------------------------------------------------------------- sign-in

function loginPage(message) {
  me = null;
  document.body.className = '';
  document.getElementById('who').innerHTML = '';
  view.innerHTML = `<h1>Sign in</h1>
    ${message ? `<div class="error">${esc(message)}</div>` : ''}
    <form id="login-form" class="job">
      <label for="login-user">User</label><input id="login-user" autocomplete="username" required>
      <label for="login-password">Password</label><input id="login-password" type="password" autocomplete="current-password" required>
      <p><button type="submit" id="login">Sign in</button></p></form>`;
  document.getElementById('login-form').onsubmit = async ev => {
    ev.preventDefault();
    const user = document.getElementById('login-user').value;
    const password = document.getElementById('login-password').value;
    // checked by the open sign-in call, which refuses without a Basic challenge (no browser prompt)
    const response = await fetch('api/system/sign-in', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ user, password }) });
    const answer = await response.json().catch(() => ({}));
    if (!response.ok) {
      loginPage(answer.error || 'HTTP ' + response.status);
      return;
    }
    sessionStorage.setItem('lr.credentials', btoa(unescape(encodeURIComponent(user + ':' + password))));
    route();
  };
}

function logout() {
  sessionStorage.removeItem('lr.credentials');
  loginPage('signed out');
}

/** Who is signed in; the body's class hides what the role may not do (the server enforces it anyway). */
async function identify() {
  me = await api('system/me');
  document.body.className = me.canAdminister ? 'can-operate can-administer' : me.canOperate ? 'can-operate' : '';
  document.getElementById('who').innerHTML = `${esc(me.user)} <span class="muted">(${esc(me.role)})</span>
    <a href="#" id="logout">Sign out</a>`;
  document.getElementById('logout').onclick = ev => { ev.preventDefault(); logout(); };
}

// ---------------------------------------------------------------- routing

// One render at a time, in the order asked: a page still loading (a 2-s refresh, the page before a navigation) can
// no longer land after the next one and replace it, wiping a form the user has started to fill in.
let rendering = Promise.resolve();
function route() {
  rendering = rendering.then(render, render);
  return rendering;
}

async function render() {
  clearTimeout(refreshTimer);
  if (!me) {
    if (!sessionStorage.getItem('lr.credentials')) {
      loginPage();
      return;
    }
    try {
      await identify();
    } catch (err) {
      sessionStorage.removeItem('lr.credentials');
      loginPage(err.message);
      return;
    }
  }
  const [path, queryString] = (location.hash.slice(1) || '/executions').split('?');
  const query = new URLSearchParams(queryString || '');
  const parts = path.split('/').filter(Boolean);
  if (!(parts[0] === 'executions' && !parts[1])) {
    delete view.dataset.page;                         // another page replaces the executions list
  }
  try {
    switch (parts[0]) {
      case 'jobs': await jobsPage(parts[1], query); break;
      case 'executions': parts[1] ? await executionPage(parts[1]) : await executionsPage(query); break;
      case 'sampling-runs': await samplingRunPage(parts[1]); break;
      case 'training-runs': await trainingRunPage(parts[1]); break;
      case 'evaluation-runs': await evaluationRunPage(parts[1]); break;
      case 'pipelines': await pipelinePage(parts[1]); break;
      case 'audit': await auditPage(query); break;
      case 'policies': await policiesPage(); break;
      case 'schedules': await schedulesPage(); break;
      default: await executionsPage(query);
    }
  } catch (err) {
    if (err instanceof Unauthorized) {
      sessionStorage.removeItem('lr.credentials');
      loginPage(err.message);
      return;
    }
    view.innerHTML = `<div class="error">${esc(err.message)}</div>`;
  }
}

window.addEventListener('hashchange', () => { flash(''); route(); });
route();
