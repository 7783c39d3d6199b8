import { Command, CommanderError, Option } from 'commander';
import { CliError, EXIT } from './exit.ts';
import { resolveUrl } from './url.ts';
import { MODELAPI_VERSION } from '../version.ts';

// Verbs are imported only when they run, so `modelapi --help` loads neither Fastify nor the engine.
function buildProgram(): Command {
  const program = new Command('modelapi')
    .description('Fit forecasting models, keep every version, serve forecasts over HTTP.')
    .version(MODELAPI_VERSION)
    .showHelpAfterError()
    .exitOverride();
  const withUrl = (cmd: Command) =>
    cmd
      .option('--url <url>', 'daemon address (env MODELAPI_URL; default http://127.0.0.1:5000)')
      .option('--token <token>', 'the daemon\'s bearer token (env MODELAPI_TOKEN)')
      // One place for the token: every client (HTTP calls, the event stream, the dashboard) reads it there.
      .hook('preAction', (_cmd, action) => {
        const token = action.opts().token as string | undefined;
        if (token) process.env.MODELAPI_TOKEN = token;
      });

  program
    .command('serve')
    .description('run the daemon')
    .option('--host <host>', 'address to listen on (env MODELAPI_HOST; default 127.0.0.1)')
    .option('--port <port>', 'port; 0 picks a free one (env MODELAPI_PORT; default 5000)')
    .option('--db <path>', 'SQLite file (env MODELAPI_DB; default under the user data directory)')
    .option('--fit-workers <n>', 'threads for fits (env MODELAPI_FIT_WORKERS)')
    .option('--forecast-workers <n>', 'threads for forecasts (env MODELAPI_FORECAST_WORKERS)')
    .option('--bulk-workers <n>', 'threads for bulk fits, started on demand (env MODELAPI_BULK_WORKERS; default: every core)')
    .option('--lock-timeout <duration>', 'longest wait for a model lock (env MODELAPI_LOCK_TIMEOUT; default 60s)')
    .option('--fit-timeout <duration>', 'longest fit before it is stopped (env MODELAPI_FIT_TIMEOUT; default 300s)')
    .option('--max-body <size>', 'largest request body (env MODELAPI_MAX_BODY; default 50mb)')
    .option('--keep-versions <n>', 'versions kept per model, the current one always; 0 keeps all (env MODELAPI_KEEP_VERSIONS; default 20)')
    .option('--job-ttl <duration>', 'how long finished jobs and their results are kept (env MODELAPI_JOB_TTL; default 24h)')
    .option('--idempotency-ttl <duration>', 'how long a retry with the same Idempotency-Key gets the first answer (env MODELAPI_IDEMPOTENCY_TTL; default 24h)')
    .option('--log-level <level>', 'fatal|error|warn|info|debug|trace|silent (env MODELAPI_LOG_LEVEL; default info)')
    .option('--max-model <size>', 'largest ONNX model file a deploy accepts (env MODELAPI_MAX_MODEL; default 200mb)')
    .option('--batch-delay <duration>', 'how long an infer waits to share a batch; 0 = off (env MODELAPI_BATCH_DELAY; default 2ms)')
    .option('--max-batch <rows>', 'rows in one inference batch at most (env MODELAPI_MAX_BATCH; default 64)')
    .option('--max-sync-rows <rows>', 'infers over this many rows run as jobs (env MODELAPI_MAX_SYNC_ROWS; default 10000)')
    .addOption(new Option('--kinds-module <path>', 'module exporting extra model kinds (env MODELAPI_KINDS_MODULE)'))
    .option('--token <token>', 'require Authorization: Bearer <token> on every route but /healthz and /readyz (env MODELAPI_TOKEN)')
    .option('--token-file <path>', 'read the token from a file (env MODELAPI_TOKEN_FILE)')
    .option('--insecure', 'allow a non-loopback --host without a token (env MODELAPI_INSECURE)')
    .option('--cors-origin <origins>', 'comma-separated origins whose browser requests are allowed (env MODELAPI_CORS_ORIGIN)')
    .option('--request-timeout <duration>', 'longest time to receive a request, headers and body (env MODELAPI_REQUEST_TIMEOUT; default 60s)')
    .option('--headers-timeout <duration>', 'longest time to receive the headers (env MODELAPI_HEADERS_TIMEOUT; default 10s)')
    .option('--max-header-size <size>', 'largest request head (env MODELAPI_MAX_HEADER_SIZE; default 16kb)')
    .option('--max-queue <n>', 'forecasts waiting for a worker before 503 (env MODELAPI_MAX_QUEUE; default 1000)')
    .option('--max-queued-fits <n>', 'fits and backtests waiting for a fit worker before 503 (env MODELAPI_MAX_QUEUED_FITS; default 100)')
    .option('--max-queued-fit-bytes <size>', 'series bytes of queued fits before 503 (env MODELAPI_MAX_QUEUED_FIT_BYTES; default 512mb)')
    .option('--worker-cache <n>', 'fitted models each worker keeps loaded (env MODELAPI_WORKER_CACHE; default 4096)')
    .option('--worker-sessions <n>', 'idle ONNX sessions each worker keeps open (env MODELAPI_WORKER_SESSIONS; default 64)')
    .option('--worker-cache-bytes <size>', 'bytes of fitted models each worker keeps loaded (env MODELAPI_WORKER_CACHE_BYTES; default 256mb)')
    .option('--db-busy-timeout <duration>', 'how long a write waits for another connection\'s database lock before 503 (env MODELAPI_DB_BUSY_TIMEOUT; default 5s)')
    .option('--shutdown-timeout <duration>', 'how long in-flight work may finish on shutdown (env MODELAPI_SHUTDOWN_TIMEOUT; default 10s)')
    .action(async (opts) => (await import('./commands/serve.ts')).serve(opts));

  program
    .command('backup')
    .description('copy the database to <file> with SQLite\'s online backup (safe while the daemon runs)')
    .argument('<file>', 'where to write the copy (must not exist)')
    .option('--db <path>', 'SQLite file to copy (env MODELAPI_DB; default under the user data directory)')
    .action(async (file, opts) => (await import('./commands/backup.ts')).backup(file, opts));

  withUrl(
    program
      .command('fit')
      .description('fit a new version of a model from a dataset file (JSON, CSV, one number per line; - for stdin)')
      .argument('<file>', 'dataset file, or - for standard input')
      .option('-m, --model <name>', 'model name', 'default')
      .option('-k, --kind <kind>', 'model kind (default: the daemon\'s default)')
      .option('-p, --period <n>', 'seasonal period')
      .option('--order <p,d,q>', 'ARIMA order')
      .option('--seasonal <P,D,Q>', 'ARIMA seasonal order')
      .option('--drift', 'ARIMA: include a drift term (needs d + D = 1)')
      .option('--column <name>', 'CSV column to read')
      .option('--date-column <name>', 'CSV column with the timestamps (ISO 8601 dates or epoch s/ms; regularly spaced)')
      .option('-o, --option <key=value...>', 'other options of the kind (value parsed as JSON when it can be)')
      .option('--async', 'do not wait: the daemon fits in a job; prints its id (see modelapi job <id> --wait)')
      .option('--json', 'print the server\'s answer as JSON'),
  ).action(async (file, opts) => (await import('./commands/fit.ts')).fit(file, opts));

  withUrl(
    program
      .command('forecast')
      .description('forecast the next <steps> values with prediction intervals')
      .argument('<steps>', 'how many steps ahead')
      .option('-m, --model <name>', 'model name', 'default')
      .option('-l, --level <levels>', 'interval levels in percent', '80,95')
      .addOption(new Option('--json', 'print the server\'s answer as JSON').conflicts(['csv', 'plot']))
      .addOption(new Option('--csv', 'print CSV').conflicts(['plot']))
      .option('--plot', 'draw the history tail and the forecast in the terminal'),
  ).action(async (steps, opts) => (await import('./commands/forecast.ts')).forecast(steps, opts));

  withUrl(
    program
      .command('backtest')
      .description('compare kinds on a dataset by rolling-origin backtests (MASE, sMAPE, interval coverage)')
      .argument('<file>', 'dataset file, or - for standard input')
      .requiredOption('--h <steps>', 'steps forecast in each window')
      .option('--windows <n>', 'rolling origins', '3')
      .option('-p, --period <n>', 'seasonal period')
      .option('--kinds <list>', 'kinds to compare, comma-separated (default: auto_arima, ets, theta, a naive baseline)')
      .option('--column <name>', 'CSV column to read')
      .option('-m, --model <name>', 'model name the backtest is filed under in logs', 'default')
      .option('--json', 'print the server\'s answer as JSON'),
  ).action(async (file, opts) => (await import('./commands/backtest.ts')).backtest(file, opts));

  withUrl(
    program
      .command('deploy')
      .description('deploy an ONNX model file as a new version of a model')
      .argument('<file>', 'the .onnx file')
      .requiredOption('-m, --model <name>', 'model name')
      .option('--meta <key=value...>', 'metadata kept with the version: description, owner, tags=a,b, …')
      .option('--allow-signature-change', "accept inputs/outputs that differ from the current version's")
      .option('--json', 'print the server\'s answer as JSON'),
  ).action(async (file, opts) => (await import('./commands/deploy.ts')).deploy(file, opts));
  withUrl(
    program
      .command('predict')
      .description('predict with an ONNX model: one output row per CSV/JSON input row, in one batched infer')
      .argument('<model>', 'model name')
      .argument('<file>', 'CSV or JSON rows, or - for standard input')
      .option('--input <name>', 'the 2-D input the rows feed (default: the model\'s only input)')
      .addOption(new Option('--json', 'print the server\'s answer as JSON').conflicts(['csv']))
      .option('--csv', 'print CSV'),
  ).action(async (model, file, opts) => (await import('./commands/predict.ts')).predict(model, file, opts));

  const collect = (value: string, previous: string[] = []) => [...previous, value];
  withUrl(
    program
      .command('models')
      .description('list models, a page at a time (the next page\'s cursor is printed on stderr)')
      .option('--label <key=value>', 'only models with this label (repeat for several)', collect)
      .option('--kind <kind>', "only models whose current version is of this kind")
      .option('--limit <n>', 'models per page (default 100, at most 1000)')
      .option('--cursor <cursor>', 'the page after the one that printed this cursor')
      .option('--json', 'print JSON'),
  ).action(async (opts) => (await import('./commands/registry.ts')).models(opts));
  withUrl(
    program
      .command('fit-many')
      .description('fit many series in one bulk job from a long-format CSV or NDJSON file (one row a value; - for stdin)')
      .argument('<file>', 'long-format file: an id column, an optional date column, a value column')
      .option('--id-column <name>', 'the column naming each series (default unique_id)')
      .option('--date-column <name>', 'the date column (default ds, used when present)')
      .option('--column <name>', 'the value column (default y)')
      .option('--label <key=value>', 'a label every model gets (repeat for several)', collect)
      .option('-k, --kind <kind>', "model kind for every series (default: the daemon's default)")
      .option('-p, --period <n>', 'seasonal period for every series')
      .option('-o, --option <key=value...>', 'other fit options for every series')
      .option('--json', 'print the finished job as JSON'),
  ).action(async (file, opts) => (await import('./commands/fit-many.ts')).fitMany(file, opts));
  withUrl(
    program
      .command('forecast-many')
      .description('forecasts of many models, by name or by --label, as long-format CSV (or --json for NDJSON)')
      .argument('[models...]', 'model names (or use --label)')
      .option('--label <key=value>', 'models with this label (repeat for several)', collect)
      .option('--kind <kind>', 'only models of this kind')
      .requiredOption('--h <steps>', 'steps ahead')
      .option('-l, --level <levels>', 'interval levels in percent', '80,95')
      .option('--json', 'print NDJSON, one line a model'),
  ).action(async (models, opts) => (await import('./commands/forecast-many.ts')).forecastMany(models, opts));
  withUrl(
    program
      .command('delete')
      .description('delete a model and all its versions, or only the version given (not the current one)')
      .argument('<model>')
      .argument('[version]', 'delete only this version'),
  ).action(async (model, version, opts) => (await import('./commands/delete.ts')).deleteModel(model, version, opts));
  withUrl(
    program
      .command('observe')
      .description('append observations to a model: its state moves on with the same parameters (no refit)')
      .argument('<model>', 'model name')
      .argument('<values...>', 'values to append (a value or timestamp,value each), or - to read one per line from stdin')
      .option('--json', 'print each answer as a JSON line'),
  ).action(async (model, values, opts) => (await import('./commands/observe.ts')).observe(model, values, opts));

  withUrl(
    program
      .command('jobs')
      .description('list jobs (async fits and other work that outlives its request), newest first')
      .option('--state <state>', 'queued|running|succeeded|failed')
      .option('-m, --model <name>', 'only this model\'s jobs')
      .option('--json', 'print JSON'),
  ).action(async (opts) => (await import('./commands/jobs.ts')).jobs(opts));
  withUrl(
    program
      .command('job')
      .description('one job: its state, progress, and result or error')
      .argument('<id>', 'job id (from fit --async or jobs)')
      .option('--wait', 'wait until it has finished (a progress line on a terminal)')
      .option('--json', 'print JSON'),
  ).action(async (id, opts) => (await import('./commands/jobs.ts')).job(id, opts));

  withUrl(
    program.command('versions').description("list a model's versions").argument('<name>').option('--json', 'print JSON'),
  ).action(async (name, opts) => (await import('./commands/registry.ts')).versions(name, opts));
  withUrl(
    program
      .command('status')
      .description('what the daemon is doing: the dashboard on a terminal, a plain summary otherwise')
      .option('--json', 'print the status snapshot as JSON'),
  ).action(async (opts) => (await import('./commands/status.ts')).status(opts));
  withUrl(program.command('dashboard').description('live view of models, workers, requests and events (q quits)')).action(
    // The URL is checked before the dashboard takes the screen, so a bad --url is a plain usage error.
    async (opts) => (await import('./dashboard/index.ts')).runDashboard({ url: resolveUrl(opts.url) }),
  );
  return program;
}

/** Runs the CLI and returns the exit code; only this layer prints. */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return EXIT.ok;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version end with exit code 0; everything else commander rejects is a usage error.
      return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (err instanceof CliError) {
      process.stderr.write(`modelapi: ${err.message}\n`);
      return err.exitCode;
    }
    process.stderr.write(`modelapi: unexpected error: ${(err as Error).stack ?? err}\n`);
    return EXIT.serverSaidNo;
  }
}
