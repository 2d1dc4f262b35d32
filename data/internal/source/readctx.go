package source

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"cndtalks/data/internal/fsx"
)

// ErrTooLarge is wrapped by the errors of reads that went over their size
// limit.
var ErrTooLarge = errors.New("over the size limit")

// readChunk is how much ReadAllContext reads at a time: the input is kept
// in chunks and joined once at the end, so memory peaks at twice the input
// (io.ReadAll's doubling buffer, with the garbage of its earlier copies,
// took four times as much).
const readChunk = 1 << 20

// ReadAllContext reads r to its end, at most max bytes, and returns them.
// More than max is an error wrapping ErrTooLarge, found once max+1 bytes
// were read: a compressed stream is counted as decoded, so a small
// download cannot expand past the limit.
//
// When ctx is cancelled (Ctrl-C, SIGTERM) it returns ctx's error at once,
// even while a read from a terminal, a silent pipe or a FIFO is blocked:
// the read is left to a goroutine that ends when the read returns, which
// for a program about to exit is never a problem.
func ReadAllContext(ctx context.Context, r io.Reader, max int64) ([]byte, error) {
	return runContext(ctx, func() ([]byte, error) { return readAllChunked(r, max) })
}

// runContext runs read in a goroutine and returns its result, or ctx's
// error as soon as ctx is done.
func runContext(ctx context.Context, read func() ([]byte, error)) ([]byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	type result struct {
		b   []byte
		err error
	}
	done := make(chan result, 1) // buffered: an abandoned read never blocks
	go func() {
		b, err := read()
		done <- result{b, err}
	}()
	select {
	case r := <-done:
		return r.b, r.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// readAllChunked reads r in chunks up to max+1 bytes and joins them.
func readAllChunked(r io.Reader, max int64) ([]byte, error) {
	var (
		chunks [][]byte
		total  int64
	)
	for total <= max {
		size := min(int64(readChunk), max+1-total)
		buf := make([]byte, size)
		n, err := io.ReadFull(r, buf)
		if n > 0 {
			chunks = append(chunks, buf[:n])
			total += int64(n)
		}
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			break
		}
		if err != nil {
			return nil, err
		}
	}
	if total > max {
		return nil, fmt.Errorf("%w of %s", ErrTooLarge, fsx.ByteSize(max))
	}
	if len(chunks) == 1 {
		return chunks[0], nil
	}
	out := make([]byte, 0, total)
	for i, c := range chunks {
		out = append(out, c...)
		chunks[i] = nil // let the chunk go as soon as it is copied
	}
	return out, nil
}

// ReadFileContext opens and reads the file at path (at most max bytes) the
// way ReadAllContext reads a stream: a FIFO without a writer or a silent
// one does not keep a cancelled command waiting. A device (/dev/zero,
// /dev/random) or a socket is refused before anything is read; a
// directory too.
func ReadFileContext(ctx context.Context, path string, max int64) ([]byte, error) {
	return runContext(ctx, func() ([]byte, error) {
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		st, err := f.Stat()
		if err != nil {
			return nil, err
		}
		if err := readableKind(st); err != nil {
			return nil, err
		}
		if st.Mode().IsRegular() && st.Size() > max {
			return nil, fmt.Errorf("%w of %s (the file is %s)", ErrTooLarge, fsx.ByteSize(max), fsx.ByteSize(st.Size()))
		}
		return readAllChunked(f, max)
	})
}

// errNotCatalogue is a file that cannot hold a catalogue, whatever is in
// it.
type errNotCatalogue string

func (e errNotCatalogue) Error() string { return string(e) }

// readableKind refuses the files a catalogue cannot be read from: a
// directory, and devices and sockets, which would be read up to the size
// limit (/dev/zero) or forever. Regular files and pipes are fine.
func readableKind(st fs.FileInfo) error {
	switch m := st.Mode(); {
	case m.IsDir():
		return errNotCatalogue("is a directory, not a catalogue file")
	case m&(fs.ModeDevice|fs.ModeCharDevice|fs.ModeSocket) != 0:
		return errNotCatalogue("is a device, not a catalogue file")
	}
	return nil
}

// ReadLimited reads the file at p, at most max bytes; a device, a
// directory or a socket is refused at once, and cancelling ctx ends a wait
// on a FIFO.
func ReadLimited(ctx context.Context, p string, max int64) ([]byte, error) {
	b, err := ReadFileContext(ctx, p, max)
	var kind errNotCatalogue
	switch {
	case err == nil:
		return b, nil
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return nil, err
	case errors.Is(err, fs.ErrNotExist):
		return nil, &Error{File: p, Msg: "no such file", Err: err}
	case errors.As(err, &kind):
		return nil, &Error{File: p, Msg: string(kind)}
	case errors.Is(err, ErrTooLarge):
		return nil, &Error{File: p, Msg: fmt.Sprintf("file is over the %s limit for a catalogue", fsx.ByteSize(max))}
	}
	return nil, &Error{File: p, Msg: "cannot read: " + UnwrapPathError(err), Err: err}
}

// UnwrapPathError returns the cause of a *fs.PathError without the path
// (the caller names the file itself), or err's message.
func UnwrapPathError(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
