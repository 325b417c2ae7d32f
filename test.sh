#!/usr/bin/env bash
# Runs every PartnerForge test. Installs what the tests need when it is missing (Debian's chromium for the
# browser tests, postgresql for the PostgreSQL tests, python3-aiosmtpd for the e-mail tests, dovecot-imapd for the
# tests that read replies and bounces over IMAP, redis-server for the Redis event bus tests); the tests start and stop
# their own PostgreSQL, SMTP, IMAP, Redis and app instances on loopback ports.
set -euo pipefail
cd "$(dirname "$0")"

command -v dotnet >/dev/null || { echo "PartnerForge needs the .NET 10 SDK (dotnet) on PATH." >&2; exit 1; }
# The local tools of .config/dotnet-tools.json (dotnet-ef, for adding migrations); a no-op once restored.
dotnet tool restore >/dev/null

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null || missing+=(postgresql)
/usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null || missing+=(python3-aiosmtpd)
[ -x /usr/bin/redis-server ] || missing+=(redis-server)
[ -x /usr/sbin/dovecot ] || missing+=(dovecot-imapd)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian packages the tests need: ${missing[*]}"
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" fonts-dejavu-core >/dev/null
fi

results="$(pwd)/artifacts/test-results"
rm -rf "$results"
status=0
dotnet test PartnerForge.sln -c Release -nologo \
  --logger "console;verbosity=normal" --logger "trx;LogFileName=tests.trx" --results-directory "$results" || status=$?

# One plain summary line from the TRX counters.
trx="$results/tests.trx"
if [ -f "$trx" ]; then
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  passed=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  failed=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  # Name every failed test with the first lines of its message, so the end of the log says what broke.
  python3 - "$trx" <<'PY'
import sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
for r in ET.parse(sys.argv[1]).getroot().iterfind(".//t:UnitTestResult", ns):
    if r.get("outcome") == "Failed":
        msg = r.find(".//t:ErrorInfo/t:Message", ns)
        text = (msg.text or "").strip().splitlines() if msg is not None else []
        print(f"FAILED {r.get('testName')} ({r.get('duration')})")
        for line in text[:6]:
            print(f"    {line[:300]}")
PY
  echo "tests: ${passed:-0} passed, ${failed:-0} failed"
  echo "screenshots: $(pwd)/artifacts/screenshots"
fi
exit $status
