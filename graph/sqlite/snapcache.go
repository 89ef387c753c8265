package sqlite

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sync"

	"github.com/shellnet/shellnet/graph"
)

// snapCache is the graph.Cache of a projection served from (or written to)
// a snapshot: each entry is a file beside the snapshot, named after it
// ("shellnet.db.snap.names-parties"), whose header repeats the store
// version and options key of the snapshot, so that an entry outlived by a
// write to the store is never read.
type snapCache struct {
	snap    string // the snapshot's path
	version int64
	key     string

	mu   sync.Mutex
	used map[string]int64 // bytes of the entries opened or saved, by path
}

var (
	_ graph.Cache     = (*snapCache)(nil)
	_ graph.DiskSizer = (*snapCache)(nil)
)

// DiskBytes is the size of the snapshot file and of the entries opened or
// saved through c.
func (c *snapCache) DiskBytes() int64 {
	var n int64
	if st, err := os.Stat(c.snap); err == nil {
		n = st.Size()
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, b := range c.used {
		n += b
	}
	return n
}

// note records the size of the entry at path.
func (c *snapCache) note(path string) {
	st, err := os.Stat(path)
	if err != nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.used == nil {
		c.used = map[string]int64{}
	}
	c.used[path] = st.Size()
}

// cacheMagic starts every cache entry; the last byte is the layout's
// version.
var cacheMagic = [8]byte{'s', 'h', 'n', 'c', 'a', 'c', 'h', 1}

var cacheName = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,63}$`)

func (c *snapCache) path(name string) (string, error) {
	if !cacheName.MatchString(name) {
		return "", fmt.Errorf("graph/sqlite: cache entry %q: want lower-case letters, digits and '-'", name)
	}
	return c.snap + "." + name, nil
}

func (c *snapCache) header() []byte {
	h := append([]byte(nil), cacheMagic[:]...)
	h = binary.LittleEndian.AppendUint64(h, uint64(c.version))
	h = binary.LittleEndian.AppendUint32(h, uint32(len(c.key)))
	return append(h, c.key...)
}

// Open returns the entry after its header, or errStale when it was written
// for another version of the store or another projection.
func (c *snapCache) Open(name string) (io.ReadCloser, error) {
	p, err := c.path(name)
	if err != nil {
		return nil, err
	}
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	want := c.header()
	got := make([]byte, len(want))
	if _, err := io.ReadFull(f, got); err != nil || string(got) != string(want) {
		f.Close()
		return nil, errStale
	}
	c.note(p)
	return f, nil
}

// Save writes the entry, after its header, with writeAtomic.
func (c *snapCache) Save(name string, write func(io.Writer) error) error {
	p, err := c.path(name)
	if err != nil {
		return err
	}
	err = writeAtomic(p, func(w io.Writer) error {
		if _, err := w.Write(c.header()); err != nil {
			return err
		}
		return write(w)
	})
	if err == nil {
		c.note(p)
	}
	return err
}

// writeAtomic writes the file at path with write, buffered, into a
// temporary file beside it that it then renames into place, so that
// readers see the old file or the new one, never a part.
func writeAtomic(path string, write func(io.Writer) error) error {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, base+".*.tmp")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer os.Remove(tmp) // fails harmlessly once renamed
	w := bufio.NewWriterSize(f, 1<<20)
	if err := write(w); err != nil {
		f.Close()
		return err
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
