package output

import (
	"bufio"
	"bytes"
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"

	"github.com/bantin/bantin/internal/graph"
)

// Marker is the file that tells an output directory bantin made (and may
// therefore replace) from one it must not touch. Its content never
// changes, so two builds of the same sources are the same bytes.
const Marker = ".bantin"

const markerText = "This directory is written by bantin and replaced on every build.\n"

// How a build reaches the disk, and why.
//
// Creating and deleting tens of thousands of files is most of a large
// build's time on a real disk (file creation is very slow right after
// large deletes), so a build does not write a fresh tree. It keeps two:
// the live output (public/) and, in a state directory beside it
// (.public.bantin/spare), the previous one. A build brings the spare up
// to date — files whose bytes did not change are not touched, stale ones
// are removed — and then exchanges the two directories in one step
// (renameat2 RENAME_EXCHANGE), so readers never see a half-written site
// and a failed or killed build leaves public/ exactly as it was. The old
// live tree becomes the next build's spare. The cost is disk: the output
// is kept twice. When the new output is byte-for-byte the live one, no
// exchange happens and public/ is not written at all.
//
// What a tree holds is recorded in a manifest (state/<tree id>.manifest,
// the id being the directory's device and inode, which an exchange does
// not change: one line per file, "<sum or fingerprint> <path>"), written only once
// the tree is complete; a build removes the spare's manifest before it
// touches the spare, so after a kill the spare is "unknown" and is compared
// file by file (read, not rewritten) on the next build. A lock file in the
// state directory keeps two builds from writing the same output at once.

// stateSuffix names the state directory beside the output: ".public.bantin".
const stateSuffix = ".bantin"

// Tx is one build's output on disk. Create it with Begin; finish with
// Commit or Abort. WriteFile and CopyFile are safe for concurrent use.
type Tx struct {
	target string // the live output directory
	state  string // the state directory beside it
	spare  string // state/spare: the tree being brought up to date
	lock   *lockFile

	spareID   string
	spareKnow map[string]string // what the spare held; nil: unknown (compare by reading)
	liveKnow  map[string]string // what the live tree holds; nil: unknown
	liveID    string

	liveCache []byte // what the build stored with the live tree (SetCache)
	newCache  []byte // to store with the tree that is live after Commit

	spareMu   sync.Mutex
	spareOpen bool  // openSpare ran
	spareErr  error // what it returned
	spareBad  bool  // the spare must be set aside, not reused
	fresh     bool  // the spare was made empty by this build: nothing to clear
	// dirs are the fresh spare's directories made so far, each with how
	// many subdirectories it has had (the spare's own count too): the
	// writer goroutine's alone (mkdir).
	dirs map[string]int

	// A fresh spare's files go through one writer goroutine (queue).
	writerOnce sync.Once
	writes     chan pendingWrite
	writerDone chan struct{}
	writeErr   error // the writer's first error, read after writerDone

	mu      sync.Mutex
	now     map[string]string // path → fingerprint of this build
	pending map[string]bool   // paths whose content is the live tree's: linked at Commit if needed
	written int               // files actually written to the spare
	done    bool
}

// Begin starts writing a build for target. It refuses a target that
// exists, is not empty and carries no Marker (bantin never replaces what
// it did not create), and one that another build is writing now.
func Begin(target string) (*Tx, error) {
	target = filepath.Clean(target)
	if err := checkReplaceable(target); err != nil {
		return nil, err
	}
	parent, base := filepath.Dir(target), filepath.Base(target)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	state := filepath.Join(parent, "."+base+stateSuffix)
	if err := os.MkdirAll(state, 0o755); err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	lock, err := acquire(filepath.Join(state, "lock"))
	if err != nil {
		return nil, fmt.Errorf("output: %s: %w", target, err)
	}
	t := &Tx{target: target, state: state, spare: filepath.Join(state, "spare"), lock: lock, now: map[string]string{}, pending: map[string]bool{}}
	if err := t.prepare(parent, base); err != nil {
		lock.release()
		return nil, err
	}
	return t, nil
}

// prepare finds what the live and spare trees hold and readies the spare
// for writing. Everything here runs under the lock.
func (t *Tx) prepare(parent, base string) error {
	removeLegacy(parent, base)
	t.liveID = treeID(t.target)
	t.liveKnow = t.readManifest(t.liveID)
	if t.liveKnow != nil {
		t.liveCache, _ = os.ReadFile(t.cachePath(t.liveID))
	}

	// The spare is only looked at here; it is changed (openSpare) only
	// when this build turns out to write something, so a build with no
	// change touches no file at all.
	if info, err := os.Lstat(t.spare); err == nil {
		id := treeID(t.spare)
		_, markErr := os.Stat(filepath.Join(t.spare, Marker))
		if !info.IsDir() || markErr != nil || id == t.liveID {
			t.spareBad = true
		} else {
			t.spareID = id
			t.spareKnow = t.readManifest(id) // nil when unknown, or no id here
		}
	}
	t.removeOrphanManifests()
	return nil
}

// openSpare readies the spare for writing, once: a tree of ours it can
// write, its manifest and cache removed (they no longer describe it).
func (t *Tx) openSpare() error {
	t.spareMu.Lock()
	defer t.spareMu.Unlock()
	if t.spareOpen {
		return t.spareErr
	}
	t.spareOpen = true
	t.spareErr = t.doOpenSpare()
	return t.spareErr
}

func (t *Tx) doOpenSpare() error {
	if !t.spareBad && t.spareID != "" && !writable(t.spare) {
		t.spareBad = true // a read-only public/ that was exchanged here
	}
	if t.spareBad {
		// Not a tree of ours, a copy of the live one, or one we cannot
		// write: put it aside and start afresh. Removal is best effort.
		aside := filepath.Join(t.state, "trash-"+randomID())
		if err := os.Rename(t.spare, aside); err != nil {
			return fmt.Errorf("output: cannot reuse %s: %w", t.spare, err)
		}
		os.Chmod(aside, 0o755)
		os.RemoveAll(aside)
		t.spareID, t.spareKnow = "", nil
	}
	if t.spareID == "" {
		if err := os.Mkdir(t.spare, 0o755); err != nil {
			return fmt.Errorf("output: %w", err)
		}
		t.spareID = treeID(t.spare)
		t.spareKnow = map[string]string{}
		t.fresh = true
	}
	os.Remove(t.manifestPath(t.spareID))
	os.Remove(t.cachePath(t.spareID))
	if err := os.WriteFile(filepath.Join(t.spare, Marker), []byte(markerText), 0o644); err != nil {
		return fmt.Errorf("output: %w", err)
	}
	return nil
}

func writable(dir string) bool {
	f, err := os.CreateTemp(dir, ".bantin-probe-")
	if err != nil {
		return false
	}
	f.Close()
	os.Remove(f.Name())
	return true
}

// sumOf identifies a file's bytes in a manifest: graph.Hasher's 64 bits,
// in hex. It was SHA-256, which took about 1% of a clean 10,000-bulletin
// build's CPU to tell a changed file from an unchanged one; nothing
// here needs a cryptographic hash, only one no edit fails to change.
func sumOf(data []byte) string {
	var h graph.Hasher
	h.Write(data)
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], h.Sum64())
	return hex.EncodeToString(b[:])
}

func randomID() string {
	var b [8]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

func (t *Tx) manifestPath(id string) string {
	if id == "" {
		return filepath.Join(t.state, "none.manifest")
	}
	return filepath.Join(t.state, id+".manifest")
}

// readManifest returns what tree id holds, or nil when that is unknown.
func (t *Tx) readManifest(id string) map[string]string {
	if id == "" {
		return nil
	}
	f, err := os.Open(t.manifestPath(id))
	if err != nil {
		return nil
	}
	defer f.Close()
	m := map[string]string{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		sum, p, ok := strings.Cut(sc.Text(), " ")
		if !ok {
			return nil
		}
		m[p] = sum
	}
	if sc.Err() != nil {
		return nil
	}
	return m
}

func (t *Tx) removeOrphanManifests() {
	entries, _ := os.ReadDir(t.state)
	for _, e := range entries {
		id, ok := strings.CutSuffix(e.Name(), ".manifest")
		if !ok {
			id, ok = strings.CutSuffix(e.Name(), ".cache")
		}
		if ok && id != t.liveID && id != t.spareID {
			os.Remove(filepath.Join(t.state, e.Name()))
		}
	}
}

func (t *Tx) cachePath(id string) string {
	if id == "" {
		return filepath.Join(t.state, "none.cache")
	}
	return filepath.Join(t.state, id+".cache")
}

// Cache returns what the build that made the live tree stored with it
// (SetCache), or nil: there is none, or the live tree is not known for
// sure. A build keeps there what lets it skip work whose result the live
// tree already holds; the blob is opaque to this package.
//
// It hands the blob over: the Tx keeps no reference, so that a large
// site's cache (tens of megabytes) is not held for the whole build once
// decoded; a second call returns nil.
func (t *Tx) Cache() []byte {
	b := t.liveCache
	t.liveCache = nil
	return b
}

// SetCache gives the blob to store with the tree that is live once this
// build commits.
func (t *Tx) SetCache(b []byte) {
	t.mu.Lock()
	t.newCache = b
	t.mu.Unlock()
}

// StateFile is the path of a file of the caller's own in the state
// directory beside the output, kept from one build to the next: for what
// a build keeps that is not tied to one tree (content-addressed, so that
// whatever tree is live, an entry is right for its key). Only the build
// holding the lock (this Tx) may touch it; replace it whole (write beside
// it, rename) so that a killed build leaves the old one or the new one.
// name must be a plain file name, not one of the Tx's own (*.manifest,
// *.cache, lock, spare).
func (t *Tx) StateFile(name string) string { return filepath.Join(t.state, name) }

// Keep puts into the new output the file at rel exactly as the live tree
// has it, without the build producing it again. It reports false, doing
// nothing, when the live tree's content at rel is not known; the build
// must then produce the file.
func (t *Tx) Keep(rel string) (bool, error) {
	c, err := Clean(rel)
	if err != nil {
		return false, err
	}
	sum, ok := t.liveKnow[c]
	if !ok {
		return false, nil
	}
	if _, err := t.claim(c, sum); err != nil {
		return false, err
	}
	t.defer_(c)
	return true, nil
}

// defer_ records that the file at c is the live tree's; Commit links it
// into the spare if, and only if, the spare is to be swapped in.
func (t *Tx) defer_(c string) {
	t.mu.Lock()
	t.pending[c] = true
	t.mu.Unlock()
}

// materialize gives the spare every deferred file it lacks, as a hard
// link to the live tree's (a copy where links are not possible). Files
// are never written in place (writeFile), so sharing is safe.
func (t *Tx) materialize() error {
	for c := range t.pending {
		if t.spareKnow != nil && t.spareKnow[c] == t.now[c] {
			continue
		}
		from := filepath.Join(t.target, filepath.FromSlash(c))
		to := filepath.Join(t.spare, filepath.FromSlash(c))
		if err := clear(to); err != nil {
			return fmt.Errorf("output: %w", err)
		}
		if err := makeParent(to); err != nil {
			return fmt.Errorf("output: %w", err)
		}
		if err := os.Link(from, to); err != nil {
			if err := copyFile(from, to); err != nil {
				return fmt.Errorf("output: keeping %s: %w", c, err)
			}
		}
		t.written++
	}
	return nil
}

func copyFile(from, to string) error {
	src, err := os.Open(from)
	if err != nil {
		return err
	}
	defer src.Close()
	return copyTo(to, src)
}

// copyTo creates the new file p with what src holds. io.Copy between
// files uses copy_file_range where the kernel has it: the bytes never pass
// through this process, and a sparse file stays small.
func copyTo(p string, src io.Reader) error {
	dst, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(dst, src); err != nil {
		dst.Close()
		return err
	}
	return dst.Close()
}

func (t *Tx) writeCache(id string) error {
	if t.newCache == nil || id == "" {
		os.Remove(t.cachePath(id))
		return nil
	}
	tmp := t.cachePath(id) + ".tmp"
	if err := os.WriteFile(tmp, t.newCache, 0o644); err != nil {
		return fmt.Errorf("output: %w", err)
	}
	return os.Rename(tmp, t.cachePath(id))
}

// removeLegacy deletes the temporary directories that earlier versions of
// bantin (and killed builds of them) left beside the target. Only
// directories named like theirs and carrying the marker go.
func removeLegacy(parent, base string) {
	entries, _ := os.ReadDir(parent)
	for _, e := range entries {
		name := e.Name()
		if !e.IsDir() || !(strings.HasPrefix(name, "."+base+".tmp-") || strings.HasPrefix(name, "."+base+".old-")) {
			continue
		}
		dir := filepath.Join(parent, name)
		if _, err := os.Stat(filepath.Join(dir, Marker)); err == nil {
			os.RemoveAll(dir)
		}
	}
}

func checkReplaceable(target string) error {
	info, err := os.Lstat(target)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	if !info.IsDir() {
		return fmt.Errorf("output: %s exists and is not a directory; refusing to replace it", target)
	}
	entries, err := os.ReadDir(target)
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	if len(entries) == 0 {
		return nil
	}
	if _, err := os.Stat(filepath.Join(target, Marker)); err != nil {
		return fmt.Errorf("output: %s is not empty and was not made by bantin (no %s file); refusing to replace it — choose another --out or empty it yourself", target, Marker)
	}
	return nil
}

// Dir is the directory being filled (the spare tree).
func (t *Tx) Dir() string { return t.spare }

// claim records rel as written by this build; a second write is an error.
func (t *Tx) claim(rel, sum string) (string, error) {
	c, err := Clean(rel)
	if err != nil {
		return "", err
	}
	if c == Marker {
		return "", fmt.Errorf("output path %q is reserved for bantin's marker", c)
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if _, dup := t.now[c]; dup {
		return "", fmt.Errorf("output path %q written twice", c)
	}
	t.now[c] = sum
	return c, nil
}

// unchanged reports whether the spare already holds sum at c.
func (t *Tx) unchanged(c, sum string, data []byte) bool {
	if t.spareKnow != nil {
		return t.spareKnow[c] == sum
	}
	// Unknown spare (a killed or failed build): compare with what is there.
	old, err := os.ReadFile(filepath.Join(t.spare, filepath.FromSlash(c)))
	return err == nil && bytes.Equal(old, data)
}

// WriteFile writes one file of the build, unless the spare already holds
// exactly these bytes; rel must stay inside the output.
func (t *Tx) WriteFile(rel string, data []byte) error { return t.WriteLent(rel, data, nil) }

// WriteLent is WriteFile for bytes on loan (Lender): done, when not nil,
// is called once the file is written or found unchanged, or the write has
// failed; a fresh tree's writer calls it after writing.
func (t *Tx) WriteLent(rel string, data []byte, done func()) error {
	queued := false
	defer func() {
		if done != nil && !queued {
			done()
		}
	}()
	sum := sumOf(data)
	c, err := t.claim(rel, sum)
	if err != nil {
		return err
	}
	if t.liveKnow[c] == sum {
		t.defer_(c)
		return nil
	}
	if err := t.openSpare(); err != nil {
		return err
	}
	if t.unchanged(c, sum, data) {
		return nil
	}
	p := filepath.Join(t.spare, filepath.FromSlash(c))
	if t.fresh {
		// A new, empty tree: no old file to replace, and each directory
		// made once. (Most of a first build's time is the kernel creating
		// files; this keeps it to one create per file.)
		t.queue(p, data, done)
		queued = true
	} else if err := writeFile(p, data); err != nil {
		return err
	}
	t.mu.Lock()
	t.written++
	t.mu.Unlock()
	return nil
}

// queue hands the file p of a fresh tree to the tree's writer: one
// goroutine creates all of a fresh tree's directories and files, in the
// order they come, while the build goes on rendering. Two threads creating
// files in the same directory take turns on its lock, and the kernel
// spins while it waits (a tenth of a large first build's CPU time went
// there), so one thread does it all. data must not change until done
// (when not nil) is called; a failed write is reported by Commit.
func (t *Tx) queue(p string, data []byte, done func()) {
	t.writerOnce.Do(func() {
		t.writes = make(chan pendingWrite, writeQueue)
		t.writerDone = make(chan struct{})
		go func() {
			defer close(t.writerDone)
			for w := range t.writes {
				if t.writeErr != nil {
					// drain: the build fails at Commit
				} else if err := t.mkdir(filepath.Dir(w.path)); err != nil {
					t.writeErr = fmt.Errorf("output: %w", err)
				} else if err := createFile(w.path, w.data, os.O_TRUNC); err != nil {
					t.writeErr = fmt.Errorf("output: %w", err)
				}
				if w.done != nil {
					w.done()
				}
			}
		}()
	})
	t.writes <- pendingWrite{p, data, done}
}

// writeQueue is how many files may wait for a fresh tree's writer. Each
// waiting file holds its bytes (a lent buffer of the renderer's, up to
// 64 KB): enough to keep rendering going while the writer waits on the
// disk, few enough that they are not a large build's peak.
const writeQueue = 256

type pendingWrite struct {
	path string
	data []byte
	done func()
}

// flush waits until the writer has written everything queued, and
// returns its first error. WriteFile must not be called after it.
func (t *Tx) flush() error {
	if t.writes == nil {
		return nil
	}
	close(t.writes)
	<-t.writerDone
	t.writes = nil
	return t.writeErr
}

// mkdir makes dir in a fresh spare, once, with the parents it lacks. Only
// the fresh spare's writer goroutine calls it.
//
// Each top-level directory, and one subdirectory in spreadEvery of every
// other directory, is placed by ext4 as the top of a hierarchy
// (mkdirSpread); ext4 puts a directory's next subdirectories beside the
// last one it placed, so the tree is laid over the disk in runs of
// spreadEvery directories, and none of it packs beside the output's
// parent, where other tools write theirs. That matters after a large
// delete, which is when a fresh tree is most often written: ext4 without
// a journal will not reuse an inode freed in the last 30 seconds, and
// finds that out by reading each one, so every file created in a group
// where thousands were just freed costs a walk over all of them. Packed
// (ext4's default for subdirectories), a new tree lands in the groups the
// old one just left; spread one directory at a time, each placement scans
// every block group of the disk, which cost a 10,000-bulletin build more
// than a second of kernel time. One in 16 keeps a group's share of a
// deleted tree small at a sixteenth of the scans (docs/performance.md).
func (t *Tx) mkdir(dir string) error {
	if dir == t.spare {
		return nil
	}
	if _, ok := t.dirs[dir]; ok {
		return nil
	}
	parent := filepath.Dir(dir)
	if err := t.mkdir(parent); err != nil {
		return err
	}
	if t.dirs == nil {
		t.dirs = map[string]int{}
	}
	n := t.dirs[parent]
	t.dirs[parent] = n + 1
	var err error
	if n%spreadEvery == 0 || parent == t.spare {
		err = mkdirSpread(parent, dir)
	} else {
		err = os.Mkdir(dir, 0o755)
	}
	if err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	t.dirs[dir] = 0
	return nil
}

// spreadEvery is how many subdirectories of a directory share a run
// (mkdir).
const spreadEvery = 16

// writeFile replaces whatever is at p (a file, or a directory where a
// previous build had a page) with data. It never writes into an existing
// file: a spare file may be a link to the live tree's (Commit links what
// did not change), and writing through it would change public/.
func writeFile(p string, data []byte) error {
	if err := clear(p); err != nil {
		return err
	}
	err := createFile(p, data, os.O_EXCL)
	if e, ok := err.(*fs.PathError); ok && e.Op == "open" {
		// No directory for it yet, or a file where one must be.
		if err := makeParent(p); err != nil {
			return err
		}
		err = createFile(p, data, os.O_EXCL)
	}
	return err
}

// clear removes what stands at p, if anything.
func clear(p string) error {
	err := os.Remove(p)
	if err == nil || errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if info, e := os.Lstat(p); e == nil && info.IsDir() {
		return os.RemoveAll(p)
	}
	if errors.Is(err, syscall.ENOTDIR) {
		return nil // a file stands where a parent directory must be: makeParent handles it
	}
	return err
}

// makeParent creates p's directory, removing a file that stands where a
// directory must be (a path that was a file in a previous build).
func makeParent(p string) error {
	dir := filepath.Dir(p)
	if err := os.MkdirAll(dir, 0o755); err == nil {
		return nil
	}
	for d := dir; ; d = filepath.Dir(d) {
		if info, err := os.Lstat(d); err == nil {
			if !info.IsDir() {
				if err := os.Remove(d); err != nil {
					return err
				}
			}
			break
		}
		if filepath.Dir(d) == d {
			break
		}
	}
	return os.MkdirAll(dir, 0o755)
}

// CopyFile copies a file of size bytes from open into the output. Its
// fingerprint is the source's size and modification time (the fingerprint
// the caller gives), so an unchanged static file is neither read nor written.
func (t *Tx) CopyFile(rel, fingerprint string, open func() (io.ReadCloser, error)) error {
	sum := "copy:" + fingerprint
	c, err := t.claim(rel, sum)
	if err != nil {
		return err
	}
	if t.liveKnow[c] == sum {
		t.defer_(c)
		return nil
	}
	if err := t.openSpare(); err != nil {
		return err
	}
	if t.spareKnow != nil && t.spareKnow[c] == sum {
		return nil
	}
	src, err := open()
	if err != nil {
		return err
	}
	defer src.Close()
	p := filepath.Join(t.spare, filepath.FromSlash(c))
	if err := clear(p); err != nil {
		return err
	}
	if err := makeParent(p); err != nil {
		return err
	}
	if err := copyTo(p, src); err != nil {
		return err
	}
	t.mu.Lock()
	t.written++
	t.mu.Unlock()
	return nil
}

// Stats reports what a committed build did to the disk.
type Stats struct {
	Written int  // files written to the new tree
	Removed int  // stale files removed from it
	Swapped bool // the new tree replaced the live one (false: nothing changed)
}

// Commit makes the new output live: stale files leave the spare, its
// manifest is written, and spare and live are exchanged in one step. When
// the new output is exactly the live one, public/ is left untouched.
func (t *Tx) Commit() (Stats, error) {
	if t.done {
		return Stats{}, errors.New("output: transaction already finished")
	}
	t.done = true
	defer t.lock.release()
	if err := t.flush(); err != nil {
		return Stats{}, err
	}
	if t.liveKnow != nil && sameFiles(t.liveKnow, t.now) {
		// Nothing changed: public/ stays as it is, the spare is not even
		// opened, and the live tree's cache is the new one.
		return Stats{Written: t.written}, t.writeCache(t.liveID)
	}
	if err := t.openSpare(); err != nil {
		return Stats{}, err
	}
	if err := t.materialize(); err != nil {
		return Stats{}, err
	}
	st := Stats{Written: t.written}
	removed, err := t.removeStale()
	st.Removed = removed
	if err != nil {
		return st, err
	}
	if err := t.writeManifest(); err != nil {
		return st, err
	}
	if err := t.writeCache(t.spareID); err != nil {
		return st, err
	}
	if err := checkReplaceable(t.target); err != nil {
		return st, err
	}
	if _, err := os.Lstat(t.target); errors.Is(err, fs.ErrNotExist) {
		if err := os.Rename(t.spare, t.target); err != nil {
			return st, fmt.Errorf("output: %w", err)
		}
		st.Swapped = true
		return st, nil
	}
	if err := exchange(t.spare, t.target); err != nil {
		// No atomic exchange here: move the live tree aside first.
		aside := filepath.Join(t.state, "old-"+randomID())
		if err := os.Rename(t.target, aside); err != nil {
			return st, fmt.Errorf("output: %w", err)
		}
		if err := os.Rename(t.spare, t.target); err != nil {
			os.Rename(aside, t.target)
			return st, fmt.Errorf("output: %w", err)
		}
		os.Rename(aside, t.spare)
	}
	st.Swapped = true
	return st, nil
}

func sameFiles(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// removeStale deletes what the spare holds that this build did not write,
// and the directories left empty.
func (t *Tx) removeStale() (int, error) {
	var stale []string
	if t.spareKnow != nil {
		for p := range t.spareKnow {
			if _, ok := t.now[p]; !ok {
				stale = append(stale, p)
			}
		}
	} else {
		err := filepath.WalkDir(t.spare, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				return nil
			}
			rel, _ := filepath.Rel(t.spare, p)
			rel = filepath.ToSlash(rel)
			if _, ok := t.now[rel]; !ok && rel != Marker {
				stale = append(stale, rel)
			}
			return nil
		})
		if err != nil {
			return 0, fmt.Errorf("output: %w", err)
		}
	}
	slices.Sort(stale)
	dirs := map[string]bool{}
	n := 0
	for _, p := range stale {
		full := filepath.Join(t.spare, filepath.FromSlash(p))
		info, err := os.Lstat(full)
		if err != nil {
			continue // already gone (replaced by a directory of this build)
		}
		if info.IsDir() {
			continue
		}
		if err := os.Remove(full); err != nil {
			return n, fmt.Errorf("output: %w", err)
		}
		n++
		for d := path.Dir(p); d != "."; d = path.Dir(d) {
			dirs[d] = true
		}
	}
	// Deepest first, so a parent is tried after its children.
	ds := make([]string, 0, len(dirs))
	for d := range dirs {
		ds = append(ds, d)
	}
	slices.SortFunc(ds, func(a, b string) int { return strings.Count(b, "/") - strings.Count(a, "/") })
	for _, d := range ds {
		os.Remove(filepath.Join(t.spare, filepath.FromSlash(d))) // fails, rightly, when not empty
	}
	return n, nil
}

func (t *Tx) writeManifest() error {
	paths := make([]string, 0, len(t.now))
	for p := range t.now {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	var b bytes.Buffer
	for _, p := range paths {
		b.WriteString(t.now[p])
		b.WriteByte(' ')
		b.WriteString(p)
		b.WriteByte('\n')
	}
	if t.spareID == "" {
		return nil // no stable id on this system: trees are compared by reading
	}
	tmp := t.manifestPath(t.spareID) + ".tmp"
	if err := os.WriteFile(tmp, b.Bytes(), 0o644); err != nil {
		return fmt.Errorf("output: %w", err)
	}
	if err := os.Rename(tmp, t.manifestPath(t.spareID)); err != nil {
		return fmt.Errorf("output: %w", err)
	}
	return nil
}

// Abort ends the build without touching the live output. The spare keeps
// whatever was written and no manifest, so the next build compares it
// file by file.
func (t *Tx) Abort() {
	if t.done {
		return
	}
	t.done = true
	t.flush() // nothing may write into the spare once the lock is let go
	t.lock.release()
}
