import { REDACTED, redact, redactValue, registerSecret } from "./redact";

// Each structure redact() recognises, and its edges: what is removed, and what is kept.
describe("redact finds a secret by its structure", () => {
  it.each([
    ["a bearer token of every credential character", "auth Bearer aZ09._~+/=-x then", `auth Bearer ${REDACTED} then`],
    ["a basic credential after two blanks, in lower case", "basic  dXNlcjpw", `basic ${REDACTED}`],
    ["two credentials", "Bearer aaa and Bearer bbb", `Bearer ${REDACTED} and Bearer ${REDACTED}`],
    ["the word Bearer alone", "Bearer", "Bearer"],
    ["a JSON value holding an escaped quote and backslash", String.raw`{"clientSecret":"a\"b\\c","x":"y"}`, `{"clientSecret":"${REDACTED}","x":"y"}`],
    ["a JSON value with blanks around the colon", `{"password"  :  "p", "n": 1}`, `{"password"  :  "${REDACTED}", "n": 1}`],
    ["a JSON key in capitals", `{"PASSWORD":"p"}`, `{"PASSWORD":"${REDACTED}"}`],
    ["an empty JSON value", `{"password":""}`, `{"password":"${REDACTED}"}`],
    ["a JSON key with words before and after", `{"my_token_value":"t","authorization_header":"u"}`, `{"my_token_value":"${REDACTED}","authorization_header":"${REDACTED}"}`],
    ["a JSON key with a blank", `{"the token": "v"}`, `{"the token": "${REDACTED}"}`],
    ["a JSON key holding a backslash", String.raw`{"a\token":"v"}`, String.raw`{"a\token":"${REDACTED}"}`],
    ["escaped JSON with two secrets", String.raw`{\"password\":\"a\",\"token\":\"b\",\"n\":1}`, String.raw`{\"password\":\"${REDACTED}\",\"token\":\"${REDACTED}\",\"n\":1}`],
    ["a JSON value that only mentions a token", `{"name":"the token","x":"y"}`, `{"name":"the token","x":"y"}`],
    ["a JSON number under a secret key", `{"refreshTokenExpiryInDays":150}`, `{"refreshTokenExpiryInDays":150}`],
    ["escaped JSON at the end of the text", String.raw`m: {\"token\":\"abc\"`, String.raw`m: {\"token\":\"${REDACTED}\"`],
    ["escaped JSON before a closing bracket", String.raw`[\"x\", {\"Secret\" : \"a\"}]`, String.raw`[\"x\", {\"Secret\" : \"${REDACTED}\"}]`],
    ["escaped JSON before blanks and a comma", String.raw`{\"password\":\"a b\"  , \"n\":1}`, String.raw`{\"password\":\"${REDACTED}\"  , \"n\":1}`],
    ["escaped JSON whose value holds an escaped quote", JSON.stringify(JSON.stringify({ password: 'a"b x', n: 1 })),
      JSON.stringify(JSON.stringify({ password: "[REDACTED]", n: 1 }))],
    ["escaped JSON before a closing bracket of a list", String.raw`[\"token\":\"a\"]`, String.raw`[\"token\":\"${REDACTED}\"]`],
    ["a form field at the start", "client_secret=abc&x=1", `client_secret=${REDACTED}&x=1`],
    ["a query field after a question mark", "/path?access.token=abc&y=2", `/path?access.token=${REDACTED}&y=2`],
    ["a form field after a blank", "sent refresh-token=abc now", `sent refresh-token=${REDACTED} now`],
    ["a form field in capitals, with words after", "CLIENT_SECRET.v2-x=abc", `CLIENT_SECRET.v2-x=${REDACTED}`],
    ["an empty form value", "password=&a=1", `password=${REDACTED}&a=1`],
    ["two form fields", "a=1&password=p&token=t", `a=1&password=${REDACTED}&token=${REDACTED}`],
    ["a secret-named field glued to other text", "x:secret=abc", "x:secret=abc"],
  ])("%s", (_case, text, expected) => {
    expect(redact(text)).toBe(expected);
  });
});

describe("redact finds a registered secret in every form it takes", () => {
  it("as it is, JSON-escaped once and twice, percent- and form-encoded", () => {
    const secret = 'Qu"o\\te d@9+';
    registerSecret(secret);
    const once = JSON.stringify(secret).slice(1, -1);
    const twice = JSON.stringify(once).slice(1, -1);
    const shown = [secret, once, twice, encodeURIComponent(secret), new URLSearchParams({ v: secret }).toString().slice(2)];
    for (const form of shown) expect(redact(`<${form}>`)).toBe(`<${REDACTED}>`);
  });

  it("whole, when a shorter registered secret is part of it", () => {
    registerSecret("short-1");
    registerSecret("short-1-and-longer");
    expect(redact("a short-1-and-longer b short-1 c")).toBe(`a ${REDACTED} b ${REDACTED} c`);
  });

  it("from four characters on; never the API's mask; anything else is no secret", () => {
    registerSecret("wxyz");
    registerSecret("**********");
    registerSecret(12345678);
    registerSecret("pqr");
    expect(redact("a wxyz b ********** c 12345678 d pqr")).toBe(`a ${REDACTED} b ********** c 12345678 d pqr`);
  });
});

describe("redactValue", () => {
  it("blanks each secret-named key's text, in any case, and copies the rest", () => {
    registerSecret("registered-9");
    const value = {
      Authorization: "Basic x", TOKEN: "t", PassWord: "p", secret: "s", name: "has registered-9 in it",
      tokens: ["kept"], token: { inner: "kept too" }, refreshTokenExpiryInDays: 150, none: null, flag: true,
    };
    expect(redactValue(value)).toStrictEqual({
      Authorization: REDACTED, TOKEN: REDACTED, PassWord: REDACTED, secret: REDACTED, name: `has ${REDACTED} in it`,
      tokens: ["kept"], token: { inner: "kept too" }, refreshTokenExpiryInDays: 150, none: null, flag: true,
    });
    expect(value.TOKEN).toBe("t");
  });
});
