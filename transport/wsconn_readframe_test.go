package transport

import (
	"bytes"
	"errors"
	"io"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/require"
)

func TestReadFrameSizes(t *testing.T) {
	for _, size := range []int{0, 1, 511, 512, 513, 1024, 70 << 10} {
		want := bytes.Repeat([]byte("abcdefg"), size/7+1)[:size]
		for _, hint := range []int{1, 512, size, size + 1} {
			if hint <= 0 {
				hint = 1
			}
			got, err := readFrame(bytes.NewReader(want), hint)
			require.NoError(t, err)
			require.Equal(t, want, got, "size %d hint %d", size, hint)
			got, err = readFrame(iotest.OneByteReader(bytes.NewReader(want)), hint)
			require.NoError(t, err)
			require.Equal(t, want, got, "one-byte reads, size %d hint %d", size, hint)
			got, err = readFrame(iotest.DataErrReader(bytes.NewReader(want)), hint)
			require.NoError(t, err)
			require.Equal(t, want, got, "data with EOF, size %d hint %d", size, hint)
		}
	}
}

func TestReadFrameExactHintDoesNotGrow(t *testing.T) {
	want := bytes.Repeat([]byte("x"), 600)
	got, err := readFrame(bytes.NewReader(want), len(want))
	require.NoError(t, err)
	require.Equal(t, want, got)
	require.Equal(t, len(want), cap(got), "an exactly sized frame must not be reallocated")
}

func TestReadFrameError(t *testing.T) {
	boom := errors.New("boom")
	r := io.MultiReader(bytes.NewReader([]byte("partial")), iotest.ErrReader(boom))
	_, err := readFrame(r, 4)
	require.ErrorIs(t, err, boom)
	_, err = readFrame(r, 64)
	require.ErrorIs(t, err, boom)
}
