#!/bin/sh
# screenshot.sh regenerates docs/screenshot.png, the README's picture of
# the TUI: it builds cndtalks, runs it in a private tmux server at 120x36 on
# the embedded catalogue, filters for "kube" and selects a talk, captures the
# screen with its colours (tmux capture-pane -e) and renders the capture as a
# PNG with freeze. Then docs/screenshot-grid.png, the timetable grid of FOSDEM
# 2023 at 140x40, when the real schedules are beside the repository
# (../shared/fixtures; skipped otherwise).
#
#   sh tui/testdata/screenshot.sh            # from the repository root
#
# Needs Go and tmux; freeze is fetched by `go run`.
set -eu

root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
tmp=$(mktemp -d)
t() { tmux -S "$tmp/tmux.sock" -f /dev/null "$@"; }
trap 't kill-server 2>/dev/null || true; rm -rf "$tmp"' EXIT

go build -o "$tmp/cndtalks" .
t new-session -d -s shot -x 120 -y 36 \
	"env TERM=xterm-256color COLORTERM=truecolor HOME='$tmp' '$tmp/cndtalks' --style dark"

# wait_for TEXT: poll the screen (up to ~10 s) until it shows TEXT.
wait_for() {
	i=0
	until t capture-pane -p -t shot | grep -qF -- "$1"; do
		i=$((i + 1))
		if [ "$i" -gt 500 ]; then
			echo "screenshot.sh: timed out waiting for \"$1\"" >&2
			t capture-pane -p -t shot >&2
			exit 1
		fi
		sleep 0.02
	done
}

wait_for "11 talks"
t send-keys -t shot "/"
t send-keys -t shot -l "kube"
wait_for "of 11"
t send-keys -t shot Enter
t send-keys -t shot j j
wait_for "[1] Slides"
t capture-pane -p -e -t shot > "$tmp/capture.ansi"

# render CAPTURE PNG: the capture as a picture.
render() {
	# freeze v0.2.2 keeps the previous background after SGR 49 (default
	# background): spell the default out as freeze's own window colour.
	sed 's/\x1b\[49m/\x1b[48;2;23;23;23m/g' "$1" > "$tmp/screen.ansi"
	mkdir -p docs
	go run github.com/charmbracelet/freeze@v0.2.2 "$tmp/screen.ansi" --language ansi \
		--window --border.radius 8 --padding 20 --margin 0 -o "$2"
	echo "wrote $2"
}
render "$tmp/capture.ansi" docs/screenshot.png

fosdem="$root/../shared/fixtures/schedules/fosdem-2023.schedule.xml"
if [ ! -f "$fosdem" ]; then
	echo "screenshot.sh: no $fosdem: docs/screenshot-grid.png not made" >&2
	exit 0
fi
t kill-session -t shot
t new-session -d -s shot -x 140 -y 40 \
	"env TERM=xterm-256color COLORTERM=truecolor HOME='$tmp' '$tmp/cndtalks' --style dark --catalog '$fosdem' 2>/dev/null"
wait_for "780 talks"
t send-keys -t shot m
wait_for "Saturday 4 February"
t send-keys -t shot Right Right Right Down Down
wait_for "room 4/32"
t capture-pane -p -e -t shot > "$tmp/grid.ansi"
render "$tmp/grid.ansi" docs/screenshot-grid.png
