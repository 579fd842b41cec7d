#!/usr/bin/env bash
# Make the README's screenshots: the real app under Xvfb (1600x1000), driven by xdotool.
#   sh docs/make_screenshots.sh ["FOLDER ..."]   (a real corpus of 1,500+ entities for the
#        communities picture, which it opens on; default the guide pages of ../shared/corpus)
# Needs Debian's xvfb, xdotool and imagemagick; writes docs/*.png. Each picture starts
# from a fresh configuration and user data folder, so nothing of the developer's shows.
set -eu
cd "$(dirname "$0")/.."
corpus=${1:-../shared/corpus/prompt-guide}
app=.venv/bin/threadline
display=:$((80 + $$ % 9))
Xvfb "$display" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 & xpid=$!
trap 'kill $xpid 2>/dev/null' EXIT
export DISPLAY=$display QT_QPA_PLATFORM=xcb
sleep 1

# shot OUT WAIT THEME ACTIONS PATHS...: start the app on PATHS, wait, run ACTIONS (a shell
# function name, or -), save the window as OUT
shot() {
  out=$1 wait=$2 theme=$3 actions=$4; shift 4
  home=$(mktemp -d)
  mkdir -p "$home/config/Threadline"
  printf '[view]\ntheme=%s\n' "$theme" > "$home/config/Threadline/Threadline.conf"
  XDG_CONFIG_HOME=$home/config THREADLINE_USER_DATA=$home/data "$app" "$@" >/dev/null 2>&1 &
  pid=$!
  for _ in $(seq 60); do
    wid=$(xdotool search --onlyvisible --name Threadline 2>/dev/null | head -1) || true
    [ -n "$wid" ] && break
    sleep 0.5
  done
  xdotool windowmove --sync "$wid" 0 0 windowsize --sync "$wid" 1600 1000
  sleep "$wait"
  xdotool windowactivate --sync "$wid" 2>/dev/null || true
  xdotool mousemove 1150 140 click 1; sleep 0.5  # the canvas's background: keys go to it
  [ "$actions" = - ] || "$actions"
  import -window root "$out"
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -rf "$home"
  echo "saved $out"
}

path_between() {
  xdotool key ctrl+shift+p; sleep 1.5
  xdotool type --delay 60 "retirement interviews"; sleep 0.5
  xdotool key Escape Return; sleep 0.5
  xdotool type --delay 60 "Amazon Web Services"; sleep 0.5
  xdotool key Escape Return; sleep 3
  xdotool mousemove 160 370 click 1; sleep 2
  xdotool mousemove 800 990; sleep 1
}

away() {
  xdotool mousemove 800 990; sleep 1
}

select_claude() {
  xdotool key ctrl+f; sleep 0.5
  xdotool type --delay 60 "Claude Opus 3"; sleep 1
  xdotool key Return; sleep 3
}

[ "${ONLY:-}" = communities ] || {
  shot docs/screenshot.png 15 system - seeds
  shot docs/path.png 15 system path_between seeds
  shot docs/dark.png 15 dark select_claude seeds
}
# The documents alone (a LICENSE file would be listed as not read, over the picture).
pages=$(mktemp -d)/prompt-guide
mkdir -p "$pages"
# shellcheck disable=SC2086  # the corpus may be several folders
for folder in $corpus; do find "$folder" -name '*.md' -exec cp {} "$pages" \; ; done
shot docs/communities.png 150 system away "$pages"  # as it opens: on its communities
rm -rf "$(dirname "$pages")"
