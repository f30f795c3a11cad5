#!/usr/bin/env python3
"""Where one Gatehouse validation spends its time: the share of a JFR recording's CPU samples inside
GatehousePath.validate that fall in each step, as BENCHMARKS.md's "Where the time goes" table lists them.

Usage: jfr-shares.py profile.jfr [profile2.jfr ...]   (one column per recording)
A sample counts for the first step, in the order below, whose frame is on its stack, so the shares add up to at most
100%. Record with -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints, or JFR attributes samples to the nearest
safepoint and the small steps blur. JFR does not sample inside the JIT's intrinsic stubs (the RSA big-integer
arithmetic among them), so the RSA share is a lower bound.
"""
import json
import subprocess
import sys

# (label, frame prefixes); a frame is "package/Class.method"
STEPS = [
    ("base64 decode (`PostBinding.decode`)", ["dev/gatehouse/binding/PostBinding.decode"]),
    ("decryption (key unwrap, AES, plaintext parse)", ["dev/gatehouse/crypto/AssertionDecrypter",
                                                        "dev/gatehouse/sso/EncryptedParts"]),
    ("secure parse of the message (`SecureXml.parse`, JDK Xerces)", ["dev/gatehouse/internal/SecureXml.parse"]),
    ("structure and hygiene checks (`ResponseStructure`, `MessageHygiene`)",
     ["dev/gatehouse/sso/ResponseStructure.", "dev/gatehouse/sso/MessageHygiene"]),
    ("signature verification (`SignatureVerifier`)", ["dev/gatehouse/crypto/SignatureVerifier.verify"]),
    ("— of which c14n and digest of the signed element", None),
    ("reading the DOM (`ResponseView`, `AssertionView`, attributes)",
     ["dev/gatehouse/sso/view/", "dev/gatehouse/sso/ResponseValidator.read"]),
    ("profile checks (issuer, audience, times, ...)", ["dev/gatehouse/sso/check/"]),
    ("attribute mapping to the principal", ["dev/gatehouse/identity/AttributeMapper"]),
    ("replay cache (`AcceptedResponse.commit`)", ["dev/gatehouse/sso/AcceptedResponse.commit"]),
    ("RSA, inside the signature and decryption steps above", None),
]
RSA = ["sun/security/rsa/RSACore", "java/math/BigInteger.modPow", "java/math/BigInteger.oddModPow"]
DIGEST = ["org/apache/xml/security/signature/Reference.calculateDigest",  # Santuario's path
          "dev/gatehouse/crypto/ExclusiveCanonicalizer.digest"]  # the usual shape


def shares(path):
    raw = subprocess.run(["jfr", "print", "--json", "--stack-depth", "128", "--events", "jdk.ExecutionSample", path],
                         check=True, capture_output=True, text=True).stdout
    counts = {label: 0 for label, _ in STEPS}
    total = 0
    for event in json.loads(raw)["recording"]["events"]:
        frames = [f["method"]["type"]["name"] + "." + f["method"]["name"]
                  for f in event["values"]["stackTrace"]["frames"]]
        if not any(f.startswith("dev/gatehouse/bench/GatehousePath.validate") for f in frames):
            continue
        total += 1
        on = lambda prefixes: any(f.startswith(p) for f in frames for p in prefixes)
        if on(RSA):
            counts["RSA, inside the signature and decryption steps above"] += 1
        for label, prefixes in STEPS:
            if prefixes and on(prefixes):
                counts[label] += 1
                if label.startswith("signature") and on(DIGEST):
                    counts["— of which c14n and digest of the signed element"] += 1
                break
    return total, counts


columns = [shares(p) for p in sys.argv[1:]]
print("| | " + " | ".join(f"{p} ({t} samples)" for p, (t, _) in zip(sys.argv[1:], columns)) + " |")
print("|---|" + "---:|" * len(columns))
for label, _ in STEPS:
    print(f"| {label} | " + " | ".join(f"{100 * c[label] / t:.1f}%" if t else "" for t, c in columns) + " |")
