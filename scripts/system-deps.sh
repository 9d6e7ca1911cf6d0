#!/usr/bin/env bash
# Best effort: the Debian packages the end-to-end tests and the PDF report use (tmux for the console's
# end-to-end test, Chromium for the big screen's browser test, a CJK font for the PDF). Installed only
# when missing and only where we may (root with apt-get); otherwise the tests that need them skip with
# a clear reason. Never fails the build.
set -u
need=()
command -v tmux >/dev/null 2>&1 || need+=(tmux)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
fc-list 2>/dev/null | grep -qiE 'wqy|noto.*cjk' || need+=(fonts-wqy-microhei)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "system-deps: missing ${need[*]} (not root or no apt-get): the tests that need them will skip" >&2
  exit 0
fi
echo "system-deps: installing ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
(apt-get update -qq && apt-get install -y -qq --no-install-recommends "${need[@]}") >/dev/null 2>&1 \
  || echo "system-deps: could not install ${need[*]}: the tests that need them will skip" >&2
exit 0
