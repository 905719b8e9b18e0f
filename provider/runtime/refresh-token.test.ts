// ledger: token-updated-at
import { checkInputs, ServiceInputs } from "./inputs";
import { expiryAfter, expiryOf, latestExpiry, sendsNewToken, tokenNotice, tokenRecord, validIssuedAt, warningDays } from "./refresh-token";

const NOW = Date.parse("2027-03-01T12:00:00Z");
const daysAgo = (days: number) => new Date(NOW - days * 86_400_000).toISOString();
const daysAhead = (days: number) => daysAgo(-days);

function snow(extra: Record<string, unknown> = {}, days = 365): ServiceInputs {
  const outcome = checkInputs({
    name: "ServiceNow Integration", serviceType: "SERVICE_NOW",
    authentication: { clientId: "cid", clientSecret: "csecret", refreshToken: "rtoken" },
    serviceData: { oauthUrl: "https://acme.service-now.com/oauth_token.do", incidentUrl: "https://acme.service-now.com/api/now/import/u_inc", refreshTokenExpiryInDays: days, incidentCreationScope: { criticalEventIssues: true } },
    ...extra,
  });
  if (!outcome.checked) throw new Error(JSON.stringify(outcome.failures));
  return outcome.inputs;
}

describe("the token's record", () => {
  it("counts from when the provider sent the token, plus the validity days", () => {
    expect(tokenRecord(snow({}, 150), {}, true, NOW)).toEqual({ refreshTokenSentAt: new Date(NOW).toISOString(), refreshTokenExpiresAt: daysAhead(150) });
  });

  it("counts from refreshTokenIssuedAt when the program gives it", () => {
    const issued = daysAgo(340);
    expect(tokenRecord(snow({ refreshTokenIssuedAt: issued }), {}, true, NOW).refreshTokenExpiresAt).toBe(daysAhead(25));
  });

  it("keeps the moment the token was sent when this deployment sends none, and follows a new validity", () => {
    const sent = daysAgo(100);
    expect(tokenRecord(snow({}, 120), { refreshTokenSentAt: sent }, false, NOW)).toEqual({ refreshTokenSentAt: sent, refreshTokenExpiresAt: daysAhead(20) });
  });

  it("has no expiry for a token set outside Pulumi, and none for other service types", () => {
    expect(tokenRecord(snow(), {}, false, NOW)).toStrictEqual({});
    expect(tokenRecord({ ...snow(), serviceType: "DSCC" } as ServiceInputs, {}, true, NOW)).toEqual({});
  });

  it("has no expiry without a validity the API gives as a finite number of days", () => {
    for (const days of [undefined, "100", Number.POSITIVE_INFINITY, Number.NaN]) {
      const inputs = { ...snow(), serviceData: { ...snow().serviceData, refreshTokenExpiryInDays: days } } as ServiceInputs;
      expect([days, tokenRecord(inputs, {}, true, NOW)]).toStrictEqual([days, { refreshTokenSentAt: new Date(NOW).toISOString() }]);
    }
    expect(tokenRecord({ ...snow(), serviceData: undefined } as unknown as ServiceInputs, {}, true, NOW)).toStrictEqual({ refreshTokenSentAt: new Date(NOW).toISOString() });
  });

  it("says a token is new only when an update changes it", () => {
    const olds = snow();
    expect(sendsNewToken(olds, snow())).toBe(false);
    expect(sendsNewToken(olds, { ...snow(), authentication: { ...olds.authentication, refreshToken: "rotated" } })).toBe(true);
    expect(sendsNewToken({ ...olds, authentication: { clientId: "cid" } }, snow())).toBe(true);
    expect(sendsNewToken(olds, { ...snow(), authentication: { clientId: "cid", clientSecret: "csecret" } })).toBe(false);
    // Imported state holds no authentication: a token given now is sent.
    expect(sendsNewToken({}, snow())).toBe(true);
  });
});

describe("an expiry nobody recorded", () => {
  it("is at the latest the last update plus the validity days, and said to be a bound", () => {
    const state = { serviceType: "SERVICE_NOW", serviceData: { refreshTokenExpiryInDays: 200 }, updatedAt: daysAgo(190) };
    expect(latestExpiry(state)).toBe(daysAhead(10));
    expect(expiryOf(state)).toEqual({ at: daysAhead(10), exact: false });
    expect(expiryOf({ ...state, refreshTokenExpiresAt: daysAhead(3) })).toEqual({ at: daysAhead(3), exact: true });
  });

  it("is unknown without a validity, an update time, or for another type", () => {
    expect(latestExpiry({ serviceType: "SERVICE_NOW", serviceData: {}, updatedAt: daysAgo(1) })).toBeUndefined();
    expect(latestExpiry({ serviceType: "SERVICE_NOW", serviceData: { refreshTokenExpiryInDays: 100 } })).toBeUndefined();
    expect(latestExpiry({ serviceType: "DSCC", serviceData: { refreshTokenExpiryInDays: 100 }, updatedAt: daysAgo(1) })).toBeUndefined();
  });

  it("of a service in state combines its record with the new inputs", () => {
    expect(expiryAfter(snow({}, 100), { refreshTokenSentAt: daysAgo(90), updatedAt: daysAgo(5) })).toEqual({ at: daysAhead(10), exact: true });
    expect(expiryAfter(snow({}, 100), { updatedAt: daysAgo(5) })).toEqual({ at: daysAhead(95), exact: false });
  });
});

describe("the notice", () => {
  const notice = (at: string, windowDays = 30, exact = true) => tokenNotice("ServiceNow Integration", { at, exact }, windowDays, NOW);

  it("warns within the window, naming the service, the date and what to do", () => {
    const n = notice(daysAhead(25));
    expect(n?.expired).toBe(false);
    expect(n?.message).toContain("'ServiceNow Integration'");
    expect(n?.message).toContain(`expires on ${daysAhead(25).slice(0, 10)}, in 25 day(s)`);
    expect(n?.message).toContain("rotate authentication.refreshToken");
    expect(n?.message).toBe(`the ServiceNow refresh token of external service 'ServiceNow Integration' expires on ${daysAhead(25).slice(0, 10)}, in 25 day(s) `
      + "(warning window 30 days); rotate authentication.refreshToken (and give refreshTokenIssuedAt its new issue time, if you set it)");
  });

  it("is silent outside the window, and the window is inclusive", () => {
    expect(notice(daysAhead(31))).toBeUndefined();
    expect(notice(daysAhead(30))?.expired).toBe(false);
    expect(notice(daysAhead(1), 0)).toBeUndefined();
  });

  it("says an expired token has expired", () => {
    expect(notice(daysAgo(1))).toEqual({ expired: true, message: expect.stringContaining(`expired on ${daysAgo(1).slice(0, 10)}: COM can no longer file incidents`) });
    expect(notice(new Date(NOW).toISOString(), 0)?.expired).toBe(true);
  });

  it("says a bound is a bound", () => {
    expect(notice(daysAhead(10), 30, false)?.message).toMatch(/expires on or before .* in 10 day\(s\) or less \(it was set outside Pulumi/);
    expect(notice(daysAgo(10), 30, false)?.message).toContain("expired on or before");
    expect(tokenNotice("x", undefined, 30, NOW)).toBeUndefined();
  });
});

describe("the settings", () => {
  it("take an issue time with a zone, not in the future", () => {
    expect(validIssuedAt("2026-06-01T09:00:00Z", NOW)).toBe(true);
    expect(validIssuedAt("2026-06-01T09:00:00.123+02:00", NOW)).toBe(true);
    expect(validIssuedAt("2026-06-01T09:00:00.123-05:00", NOW)).toBe(true);
    expect(validIssuedAt("2026-06-01T09:00Z", NOW)).toBe(true);
    // Date.parse takes an offset without its colon; ISO 8601's extended form, the rule's, does not.
    expect(validIssuedAt("2026-06-01T09:00:00+0200", NOW)).toBe(false);
    // Issued this very moment counts; a millisecond later does not.
    expect(validIssuedAt(new Date(NOW).toISOString(), NOW)).toBe(true);
    expect(validIssuedAt(new Date(NOW + 1).toISOString(), NOW)).toBe(false);
    for (const bad of ["2026-06-01", "2026-06-01T09:00:00", "yesterday", "2026-13-01T00:00:00Z", daysAhead(1), 17, null, ["2026-06-01T09:00:00Z"]]) {
      expect([bad, validIssuedAt(bad, NOW)]).toEqual([bad, false]);
    }
  });

  it("check names refreshTokenIssuedAt and its rule, and refuses it on other service types", () => {
    const failures = (extra: Record<string, unknown>) => checkInputs({ ...snow(), ...extra }).failures;
    expect(failures({ refreshTokenIssuedAt: "last spring" })).toEqual([{ property: "refreshTokenIssuedAt", reason: expect.stringContaining("must be an ISO 8601 date-time") }]);
    expect(checkInputs({ name: "d", serviceType: "DSCC", authentication: { clientId: "c", clientSecret: "s" }, serviceData: { region: "us-west" }, refreshTokenIssuedAt: "2026-06-01T09:00:00Z" }).failures)
      .toEqual([{ property: "refreshTokenIssuedAt", reason: "applies to serviceType SERVICE_NOW only" }]);
    expect(snow({ refreshTokenIssuedAt: "2026-06-01T09:00:00Z" }).refreshTokenIssuedAt).toBe("2026-06-01T09:00:00Z");
  });

  it("take a warning window of whole days from 0 to 365, 30 when unset", () => {
    expect([undefined, "0", "45", "365"].map(warningDays)).toEqual([30, 0, 45, 365]);
    expect(["-1", "366", "1.5", "soon", "", " 7", "1e2", "0x10"].map(warningDays)).toEqual(Array(8).fill(undefined));
  });
});
