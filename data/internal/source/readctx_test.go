package source

import (
	"bytes"
	"context"
	"errors"
	"io"
	"testing"
	"time"
)

// blockingReader blocks until its test ends, like a silent pipe.
type blockingReader struct{ release chan struct{} }

func (r blockingReader) Read([]byte) (int, error) {
	<-r.release
	return 0, io.EOF
}

// TestReadAllContext checks that cancelling ends a read blocked on a
// silent pipe, and that the limit is exact.
func TestReadAllContext(t *testing.T) {
	r := blockingReader{make(chan struct{})}
	defer close(r.release)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := ReadAllContext(ctx, r, 100)
		done <- err
	}()
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("cancelled read: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("a cancelled read is still waiting")
	}

	for _, tt := range []struct {
		n    int
		fail bool
	}{{0, false}, {100, false}, {101, true}, {3 * readChunk, true}} {
		b, err := ReadAllContext(context.Background(), bytes.NewReader(make([]byte, tt.n)), 100)
		if tt.fail != errors.Is(err, ErrTooLarge) || (!tt.fail && len(b) != tt.n) {
			t.Errorf("%d bytes, limit 100: %d bytes, %v", tt.n, len(b), err)
		}
	}
	b, err := ReadAllContext(context.Background(), bytes.NewReader(make([]byte, 3*readChunk+5)), 4*readChunk)
	if err != nil || len(b) != 3*readChunk+5 {
		t.Errorf("several chunks: %d bytes, %v", len(b), err)
	}
}
