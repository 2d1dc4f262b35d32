package cli

import "context"

// untilDone runs f, a computation that does not watch ctx (parsing a big
// file, building an export), in a goroutine and returns its result, or
// ctx's error as soon as ctx ends (Ctrl-C, SIGTERM). On a signal the
// command then fails with "interrupted" and the process exits, leaving f
// behind: f must only read and allocate, never write files, so that
// nothing is left half done.
func untilDone[T any](ctx context.Context, f func() (T, error)) (T, error) {
	if err := ctx.Err(); err != nil {
		var zero T
		return zero, err
	}
	type result struct {
		v   T
		err error
	}
	done := make(chan result, 1) // buffered: an abandoned f does not block
	go func() {
		v, err := f()
		done <- result{v, err}
	}()
	select {
	case r := <-done:
		return r.v, r.err
	case <-ctx.Done():
		var zero T
		return zero, ctx.Err()
	}
}
