import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  sandboxFaultModes,
  sandboxFaultSurfaces,
  type SandboxControl,
  type SandboxFault,
  type SandboxFaultInput,
  type SandboxFaultMode,
  type SandboxFaultSurface,
} from '../../domain/sandbox/sandbox-control.ts';
import type { ClockReading } from '../../kernel/clock.ts';
import { parseDurationSeconds } from '../../kernel/duration.ts';
import { AppError, type ErrorItem } from '../../kernel/errors.ts';
import { institutionIdParam, limitParam, listBody, queryParam, selfLink } from '../http.ts';
import { toWireTime } from '../presenters/time.ts';
import { sandboxSchemas } from '../schemas/sandbox.ts';

const rfc3339Pattern =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;
const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const maxTransactionLimit = 1_000;
const defaultTransactionLimit = 100;
/** `P3650D`, the longest single advance of the sandbox clock (sandbox.md §5). */
const maxAdvanceSeconds = 3_650 * 86_400;
/** The last second an RFC 3339 time (four-digit year) can name. */
const latestClockMs = Date.UTC(9999, 11, 31, 23, 59, 59);

/** Whether `YYYY-MM-DD` names a real calendar date. */
function isCalendarDate(year: string, month: string, day: string): boolean {
  const at = new Date(0);
  at.setUTCFullYear(Number(year), Number(month) - 1, Number(day));
  return (
    at.getUTCFullYear() === Number(year) &&
    at.getUTCMonth() === Number(month) - 1 &&
    at.getUTCDate() === Number(day)
  );
}

/** An RFC 3339 date-time as an instant, or null when ill-formed or not a real time. */
function parseRfc3339(text: string): Date | null {
  const match = rfc3339Pattern.exec(text);
  if (match === null) return null;
  const [, year = '', month = '', day = '', hours = '', minutes = '', seconds = ''] = match;
  if (!isCalendarDate(year, month, day)) return null;
  if (Number(hours) > 23 || Number(minutes) > 59 || Number(seconds) > 60) return null;
  const at = new Date(text);
  return Number.isNaN(at.getTime()) ? null : at;
}

function problem(pointer: string, detail: string, code: ErrorItem['code']): ErrorItem {
  return { code, detail, source: { pointer } };
}

/** The body of `PUT /sandbox/faults/{institutionId}`, or 400 listing every bad field. */
function faultInput(body: unknown): SandboxFaultInput {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new AppError('invalid-content', 'Posted fault is not in valid format.');
  }
  const fields = body as Record<string, unknown>;
  const problems: ErrorItem[] = [];
  const surface = fields.surface;
  const mode = fields.mode;
  const until = fields.until;
  if (surface === undefined) {
    problems.push(
      problem('/surface', "Parameter 'surface' is required.", 'parameter-not-supplied'),
    );
  } else if (!sandboxFaultSurfaces.some((s) => s === surface)) {
    problems.push(
      problem(
        '/surface',
        `Provided surface must be one of ${sandboxFaultSurfaces.join(', ')}.`,
        'parameter-not-valid',
      ),
    );
  }
  if (mode === undefined) {
    problems.push(problem('/mode', "Parameter 'mode' is required.", 'parameter-not-supplied'));
  } else if (!sandboxFaultModes.some((m) => m === mode)) {
    problems.push(
      problem(
        '/mode',
        `Provided mode must be one of ${sandboxFaultModes.join(', ')}.`,
        'parameter-not-valid',
      ),
    );
  }
  let untilDate: Date | null = null;
  if (until !== undefined && until !== null) {
    untilDate = typeof until === 'string' ? parseRfc3339(until) : null;
    if (untilDate === null) {
      problems.push(
        problem(
          '/until',
          'Provided until must be an RFC 3339 time or null.',
          'parameter-not-valid',
        ),
      );
    }
  }
  const [first, ...extra] = problems;
  if (first !== undefined) {
    throw new AppError(first.code, first.detail, { source: first.source, extra });
  }
  return {
    surface: surface as SandboxFaultSurface,
    mode: mode as SandboxFaultMode,
    until: untilDate,
  };
}

/** A string path parameter (fastify always gives one for a matched route). */
function pathParam(request: FastifyRequest, name: string): string {
  const value = (request.params as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : '';
}

/**
 * A `from`/`to` query value as a calendar date: `YYYY-MM-DD`, or an RFC 3339 time reduced to the
 * date it is written with (api.md §1: query values accept either).
 */
function dateParam(request: FastifyRequest, name: string): string | undefined {
  const raw = queryParam(request, name);
  if (raw === undefined) return undefined;
  const date = datePattern.exec(raw);
  if (date !== null && isCalendarDate(date[1] ?? '', date[2] ?? '', date[3] ?? '')) return raw;
  if (parseRfc3339(raw) !== null) return raw.slice(0, 10);
  throw new AppError('parameter-not-valid', `Provided ${name} must be YYYY-MM-DD or RFC 3339.`, {
    source: { parameter: name },
  });
}

/** `offset`: a non-negative integer, default 0. */
function offsetParam(request: FastifyRequest): number {
  const raw = queryParam(request, 'offset');
  if (raw === undefined) return 0;
  if (!/^[0-9]{1,15}$/.test(raw)) {
    throw new AppError('parameter-not-valid', 'Offset must be a non-negative integer.', {
      source: { parameter: 'offset' },
    });
  }
  return Number(raw);
}

/** A move of the sandbox clock: forward by whole seconds, or to an instant. */
type ClockMove = { readonly advance: number } | { readonly to: Date };

const badClockField = (field: 'advance' | 'to', detail: string) =>
  new AppError('parameter-not-valid', detail, { source: { pointer: `/${field}` } });

/** The body of `POST /sandbox/clock` (sandbox.md §5), checked against the clock's `now`. */
function clockMove(body: unknown, now: Date): ClockMove {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new AppError('invalid-content', 'Posted clock change is not in valid format.');
  }
  const { advance, to } = body as Record<string, unknown>;
  // null reads as absent, as `until` does for faults.
  const hasAdvance = advance !== undefined && advance !== null;
  const hasTo = to !== undefined && to !== null;
  if (hasAdvance && hasTo) throw badClockField('to', 'Provide either advance or to, not both.');
  if (hasAdvance) {
    if (typeof advance === 'string' && /^\s*-/.test(advance)) {
      throw badClockField(
        'advance',
        'Provided advance must be greater than zero: the clock never moves back.',
      );
    }
    const seconds = typeof advance === 'string' ? parseDurationSeconds(advance) : null;
    if (seconds === null) {
      throw badClockField(
        'advance',
        'Provided advance must be an ISO 8601 duration of W, D, H, M and S parts, such as P1D or PT6M.',
      );
    }
    if (seconds === 0)
      throw badClockField('advance', 'Provided advance must be greater than zero.');
    if (seconds > maxAdvanceSeconds) {
      throw badClockField('advance', 'Provided advance must be at most P3650D.');
    }
    if (now.getTime() + seconds * 1000 > latestClockMs) {
      throw badClockField('advance', 'Provided advance would move the clock past the year 9999.');
    }
    return { advance: seconds };
  }
  if (!hasTo) {
    throw badClockField(
      'advance',
      'Provide advance (an ISO 8601 duration such as P1D) or to (an RFC 3339 time).',
    );
  }
  const instant = typeof to === 'string' ? parseRfc3339(to) : null;
  if (instant === null || instant.getTime() > latestClockMs) {
    throw badClockField('to', 'Provided to must be an RFC 3339 time.');
  }
  // Second precision, as the clock is shown: the `now` just read back may be set again.
  if (instant.getTime() < Math.floor(now.getTime() / 1000) * 1000) {
    throw badClockField(
      'to',
      'Provided to is earlier than the sandbox clock: it never moves back.',
    );
  }
  return { to: instant };
}

function presentClock(reading: ClockReading) {
  return { now: toWireTime(reading.now), offsetSeconds: reading.offsetSeconds };
}

function presentFault(fault: SandboxFault) {
  return {
    institution: fault.institution,
    surface: fault.surface,
    mode: fault.mode,
    until: fault.until === null ? null : toWireTime(fault.until),
  };
}

const notFound = (detail: string) => new AppError('resource-not-found', detail);

/**
 * The sandbox clock and control routes of sandbox.md §5 and §6.1–§6.3, registered only while the
 * sandbox is on; with it off no route matches and every `/sandbox/…` path is the unknown-route
 * 404 (§6.4).
 *
 * "Today" (D) is the Sydney date of the sandbox clock as `sandbox.today()` gives it.
 */
export function registerSandboxRoutes(
  app: FastifyInstance,
  deps: { sandbox: SandboxControl; base: string },
): void {
  const { sandbox, base } = deps;
  const config = { access: 'server' } as const;

  app.get('/sandbox/clock', { config, schema: sandboxSchemas.getClock }, () =>
    presentClock(sandbox.readClock()),
  );

  app.post('/sandbox/clock', { config, schema: sandboxSchemas.setClock }, async (request) => {
    const move = clockMove(request.body, sandbox.readClock().now);
    const reading =
      'advance' in move
        ? await sandbox.advanceClock(move.advance)
        : await sandbox.setClock(move.to);
    return presentClock(reading);
  });

  app.post('/sandbox/reset', { config, schema: sandboxSchemas.reset }, (_request, reply) => {
    sandbox.reset();
    return reply.code(204).send();
  });

  app.put(
    '/sandbox/faults/:institutionId',
    { config, schema: sandboxSchemas.setFault },
    (request) => {
      const institutionId = institutionIdParam(request);
      if (!sandbox.hasInstitution(institutionId)) {
        throw notFound(`Institution ${institutionId} is not a sandbox institution.`);
      }
      return presentFault(sandbox.setFault(institutionId, faultInput(request.body)));
    },
  );

  app.get('/sandbox/faults', { config, schema: sandboxSchemas.listFaults }, (request) => {
    const faults = sandbox.listFaults().map(presentFault);
    return listBody(faults, faults.length, { self: selfLink(base, request) });
  });

  app.get('/sandbox/personas', { config, schema: sandboxSchemas.listPersonas }, (request) => {
    const personas = sandbox.personas(sandbox.today());
    return listBody(personas, personas.length, { self: selfLink(base, request) });
  });

  app.get(
    '/sandbox/personas/:loginId',
    { config, schema: sandboxSchemas.getPersona },
    (request) => {
      const loginId = pathParam(request, 'loginId');
      const persona = sandbox.persona(loginId, sandbox.today());
      if (persona === null) throw notFound('No sandbox persona has this login ID.');
      return persona;
    },
  );

  app.get(
    '/sandbox/personas/:loginId/accounts/:accountId/transactions',
    { config, schema: sandboxSchemas.listTransactions },
    (request) => {
      const from = dateParam(request, 'from');
      const to = dateParam(request, 'to');
      const offset = offsetParam(request);
      const limit = limitParam(request, defaultTransactionLimit, maxTransactionLimit);
      const page = sandbox.transactions(
        pathParam(request, 'loginId'),
        pathParam(request, 'accountId'),
        sandbox.today(),
        {
          ...(from === undefined ? {} : { from }),
          ...(to === undefined ? {} : { to }),
          offset,
          limit,
        },
      );
      if (page === null) throw notFound('No such sandbox persona or account.');
      return { data: page.items, total: page.total };
    },
  );
}
