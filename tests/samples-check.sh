#!/usr/bin/env bash
# The samples through the SDK's own compiler: with every rule raised to an error (the package's Strict config), the (file, line,
# ID) triples csc reports must equal the `// ASYNCxxx` markers. The unit tests check the same on Roslyn 4.8; this catches what
# only the SDK's newer C# binds differently (params collections, for one).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
samples="$root/samples/AsyncAnalyzers.Samples"
config="$root/src/AsyncAnalyzers.Package/build/AsyncAnalyzers.Strict.globalconfig"

set +e
out="$(dotnet build "$samples" --no-incremental -nologo -p:SamplesCheckConfig="$config" 2>&1)"
set -e

reported="$(grep -oE '[^ ]+(\.cs|\.asyncanalyzers-baseline)\([0-9]+,[0-9]+\): error ASYNC[0-9]{3}' <<<"$out" \
  | sed -E "s#^.*/samples/AsyncAnalyzers\.Samples/##; s#\(([0-9]+),[0-9]+\): error (ASYNC[0-9]{3})#:\1:\2#" | sort -u || true)"
expected="$(cd "$samples" && (grep -rnoE --include='*.cs' '//[[:space:]]*ASYNC[0-9]{3}([[:space:]]*,[[:space:]]*ASYNC[0-9]{3})*[[:space:]]*$' . \
  | sed -E 's#^\./##' \
  | while IFS=: read -r file line ids; do
      for id in $(grep -oE 'ASYNC[0-9]{3}' <<<"$ids"); do echo "$file:$line:$id"; done
    done
  # The baseline's own diagnostics (ASYNC902/903) are on its lines, marked with a trailing `# ASYNCxxx` (Configuration/Baseline.cs).
  grep -nE '^[^#].*#[[:space:]]*ASYNC[0-9]{3}[[:space:]]*$' .asyncanalyzers-baseline \
    | sed -E 's#^([0-9]+):.*(ASYNC[0-9]{3})[[:space:]]*$#.asyncanalyzers-baseline:\1:\2#' \
  ) | sort -u)"

if [ -z "$expected" ]; then echo "samples check: no markers found"; exit 1; fi
if [ "$reported" != "$expected" ]; then
  echo "samples check FAILED: what csc reports differs from the markers (< reported, > expected)"
  diff <(echo "$reported") <(echo "$expected") || true
  exit 1
fi
echo "samples check: ok ($(wc -l <<<"$expected") diagnostics from the SDK's compiler equal the markers)"
