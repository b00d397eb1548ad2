import { describe, expect, it } from "vitest";
import {
  backoffMs,
  checkWebhookUrl,
  isPrivateAddress,
  parseWebhookEvents,
  signPayload,
  verifySignature,
  WEBHOOK_RULES,
} from "./webhook-rules";

// Computed independently: printf '%s' '1700000000.{"event":"ping"}' | openssl dgst -sha256 -hmac whsec_test
const KNOWN_MAC = "aa8efe37b751e71157c508c5ac4acb1e9fe5225db98355dfc00f4b680afbc447";
const BODY = '{"event":"ping"}';

describe("webhook signatures", () => {
  it("signs timestamp + '.' + body with HMAC-SHA256 of the secret", () => {
    expect(signPayload("whsec_test", BODY, 1_700_000_000)).toBe(`t=1700000000,v1=${KNOWN_MAC}`);
  });

  it("verifies a good signature within the tolerance and refuses anything else", () => {
    const header = `t=1700000000,v1=${KNOWN_MAC}`;
    expect(verifySignature("whsec_test", BODY, header, 1_700_000_100)).toBe(true);
    // Too old, wrong secret, body changed by one byte, timestamp swapped, garbage.
    expect(verifySignature("whsec_test", BODY, header, 1_700_000_301)).toBe(false);
    expect(verifySignature("whsec_other", BODY, header, 1_700_000_000)).toBe(false);
    expect(verifySignature("whsec_test", BODY + " ", header, 1_700_000_000)).toBe(false);
    expect(verifySignature("whsec_test", BODY, `t=1700000001,v1=${KNOWN_MAC}`, 1_700_000_001)).toBe(
      false,
    );
    expect(verifySignature("whsec_test", BODY, "v1=abc", 1_700_000_000)).toBe(false);
    expect(verifySignature("whsec_test", BODY, "", 1_700_000_000)).toBe(false);
  });

  it("accepts a header carrying several v1 signatures (secret rotation) when one matches", () => {
    const header = `t=1700000000,v1=${"0".repeat(64)},v1=${KNOWN_MAC}`;
    expect(verifySignature("whsec_test", BODY, header, 1_700_000_000)).toBe(true);
  });
});

describe("back-off", () => {
  it("doubles from 30 s after each failure, capped at 6 h, without jitter at random 0.5", () => {
    const mid = () => 0.5;
    expect(backoffMs(1, mid)).toBe(30_000);
    expect(backoffMs(2, mid)).toBe(60_000);
    expect(backoffMs(5, mid)).toBe(480_000);
    expect(backoffMs(30, mid)).toBe(WEBHOOK_RULES.maxBackoffMs);
  });

  it("spreads by at most ±20 %", () => {
    expect(backoffMs(1, () => 0)).toBe(24_000);
    expect(backoffMs(1, () => 1)).toBe(36_000);
  });
});

describe("webhook addresses", () => {
  const strict = { allowPrivate: false };
  it("accepts public https addresses", () => {
    expect(checkWebhookUrl("https://hooks.example.com/portal?x=1", strict).ok).toBe(true);
  });

  it.each([
    ["http://hooks.example.com/", "protocol"],
    ["ftp://hooks.example.com/", "protocol"],
    ["javascript:alert(1)", "protocol"],
    ["not a url", "invalid"],
    ["https://user:pw@hooks.example.com/", "credentials"],
    ["https://localhost/hook", "private"],
    ["https://api.localhost/hook", "private"],
    ["https://127.0.0.1/hook", "private"],
    ["https://10.1.2.3/hook", "private"],
    ["https://172.20.0.1/hook", "private"],
    ["https://192.168.1.10/hook", "private"],
    ["https://169.254.169.254/latest/meta-data", "private"],
    ["https://[::1]/hook", "private"],
    ["https://[fd00::1]/hook", "private"],
    ["https://[::ffff:127.0.0.1]/hook", "private"],
    ["https://2130706433/hook", "private"],
    ["https://metadata.google.internal/", "private"],
  ])("refuses %s (%s)", (url, problem) => {
    expect(checkWebhookUrl(url, strict)).toEqual({ ok: false, problem });
  });

  it("lets tests and on-premises installs reach local http receivers when allowed", () => {
    expect(checkWebhookUrl("http://127.0.0.1:4000/hook", { allowPrivate: true }).ok).toBe(true);
    expect(checkWebhookUrl("file:///etc/passwd", { allowPrivate: true })).toEqual({
      ok: false,
      problem: "protocol",
    });
  });

  it("knows private addresses from public ones", () => {
    expect(isPrivateAddress("8.8.8.8")).toBe(false);
    expect(isPrivateAddress("172.32.0.1")).toBe(false);
    expect(isPrivateAddress("100.64.0.1")).toBe(true);
    expect(isPrivateAddress("2606:4700::1111")).toBe(false);
    expect(isPrivateAddress("fe80::1")).toBe(true);
  });

  it("reads only known events from stored JSON", () => {
    expect(parseWebhookEvents('["alert.raised","bogus","alert.closed"]')).toEqual([
      "alert.raised",
      "alert.closed",
    ]);
    expect(parseWebhookEvents("nonsense")).toEqual([]);
  });
});
