// Command archivebench measures cndtalks on an archive: it builds the
// binary, generates a library of schedules (data/gen, written as frab
// schedule.json files and stored with 'cndtalks add' in a temporary
// library found through XDG_DATA_HOME), reads it once with --all so the
// parsed snapshots exist, then has internal/firstframe time the built-in
// event's first frame and --all's, run by run in turn.
//
//	go run ./internal/archivebench                  # 20 schedules x 1,000 talks, 30 runs
//	go run ./internal/archivebench -schedules 20 -talks 1000 -n 30 -keep /tmp/archive
//
// -keep leaves the library (and the binary) in a directory for more runs.
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"time"

	"cndtalks/data/gen"
)

func main() {
	schedules := flag.Int("schedules", 20, "how many schedules the library holds")
	talks := flag.Int("talks", 1000, "talks per schedule")
	runs := flag.Int("n", 30, "first-frame runs of each")
	keep := flag.String("keep", "", "build in this `directory` and keep it (default: a temporary one, removed)")
	flag.Parse()
	if err := run(*schedules, *talks, *runs, *keep); err != nil {
		fmt.Fprintln(os.Stderr, "archivebench:", err)
		os.Exit(1)
	}
}

func run(schedules, talks, runs int, keep string) error {
	if schedules < 1 || talks < 1 || runs < 1 {
		return errors.New("need -schedules, -talks and -n >= 1")
	}
	dir := keep
	if dir == "" {
		var err error
		if dir, err = os.MkdirTemp("", "archivebench-"); err != nil {
			return err
		}
		defer os.RemoveAll(dir)
	}
	bin := filepath.Join(dir, "cndtalks")
	if err := command("", nil, "go", "build", "-o", bin, ".").Run(); err != nil {
		return fmt.Errorf("go build: %w", err)
	}
	env := []string{
		"XDG_DATA_HOME=" + filepath.Join(dir, "data"),
		"XDG_CACHE_HOME=" + filepath.Join(dir, "cache"),
		"XDG_STATE_HOME=" + filepath.Join(dir, "state"),
	}
	start := time.Now()
	var bytes int64
	for k := 1; k <= schedules; k++ {
		name := fmt.Sprintf("gen%02d", k)
		src := filepath.Join(dir, name+".schedule.json")
		f, err := os.Create(src)
		if err != nil {
			return err
		}
		c := gen.Catalogue(talks, int64(k))
		err = gen.WriteScheduleJSON(f, c, "gen-conf-"+strconv.Itoa(k), fmt.Sprintf("Generated Conf %d", 2000+k))
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
		if st, err := os.Stat(src); err == nil {
			bytes += st.Size()
		}
		add := command("", env, bin, "add", src, "--name", name, "--force")
		add.Stdout = nil
		if err := add.Run(); err != nil {
			return fmt.Errorf("cndtalks add %s: %w", src, err)
		}
	}
	fmt.Printf("archivebench: %d schedules of %d talks (%.1f MB of schedule.json) stored in %s (%.1f s)\n",
		schedules, talks, float64(bytes)/1e6, dir, time.Since(start).Seconds())
	// The first --all imports every schedule and writes the snapshots.
	start = time.Now()
	warm := command("", env, bin, "--all", "list")
	warm.Stdout = nil
	if err := warm.Run(); err != nil {
		return fmt.Errorf("cndtalks --all list: %w", err)
	}
	fmt.Printf("archivebench: first --all list (imports, writes snapshots): %.0f ms\n", float64(time.Since(start))/float64(time.Millisecond))
	for i := range 3 {
		start = time.Now()
		again := command("", env, bin, "--all", "list")
		again.Stdout = nil
		if err := again.Run(); err != nil {
			return err
		}
		fmt.Printf("archivebench: --all list from the snapshots, run %d: %.0f ms\n", i+1, float64(time.Since(start))/float64(time.Millisecond))
	}
	args := []string{"run", "./internal/firstframe", "-bin", bin, "-n", strconv.Itoa(runs)}
	for _, e := range env[:2] {
		args = append(args, "-env", e)
	}
	args = append(args, "-also", "--all")
	return command("", nil, "go", args...).Run()
}

// command is exec.Command with the environment extended and the output
// shown.
func command(dir string, env []string, name string, args ...string) *exec.Cmd {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	return cmd
}
