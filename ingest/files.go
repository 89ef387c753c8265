package ingest

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// group is the files of one format, opened together by one reader.
type group struct {
	format Format
	paths  []string
}

// inputFile is a file to load, and whether it was found in a folder (a file
// of no known format is then skipped instead of failing the load).
type inputFile struct {
	path    string
	inDir   bool
	display string
}

// rejectsSuffix names rejects files, which folder expansion skips.
const rejectsSuffix = ".rejects.jsonl"

// expand turns paths into the files to load: a folder stands for the
// regular files under it (hidden ones and rejects files left out), in
// lexical order. A file named twice is loaded once.
func expand(paths []string) ([]inputFile, error) {
	if len(paths) == 0 {
		return nil, fmt.Errorf("ingest: no input files given (name files or folders to load)")
	}
	var out []inputFile
	seen := map[string]bool{}
	add := func(p string, inDir bool) {
		key := filepath.Clean(p)
		if abs, err := filepath.Abs(p); err == nil {
			key = abs
		}
		if !seen[key] {
			seen[key] = true
			out = append(out, inputFile{path: p, inDir: inDir, display: p})
		}
	}
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("ingest: %w", err)
		}
		if !st.IsDir() {
			add(p, false)
			continue
		}
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			name := d.Name()
			if path != p && strings.HasPrefix(name, ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.Type().IsRegular() && !strings.HasSuffix(name, rejectsSuffix) {
				add(path, true)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("ingest: %w", err)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("ingest: no files to load in %s", strings.Join(paths, ", "))
	}
	return out, nil
}

// plan chooses the format of each file and groups the files by format, in
// order of first appearance. It logs each choice and returns notes for
// skipped files.
func (l *loader) plan(files []inputFile) ([]group, error) {
	var groups []group
	var given Format
	auto := l.opt.Format == "" || l.opt.Format == "auto"
	if !auto {
		f, err := LookupFormat(l.opt.Format)
		if err != nil {
			return nil, err
		}
		given = f
	}
	for _, in := range files {
		f, how := given, "given"
		if auto {
			var err error
			f, err = Detect(in.path)
			how = "detected"
			if err != nil {
				if in.inDir {
					l.note(fmt.Sprintf("%s: skipped (format not recognised)", in.display))
					continue
				}
				return nil, err
			}
		}
		l.logf("%s: %s (%s)", in.display, f.Name, how)
		i := slices.IndexFunc(groups, func(g group) bool { return g.format.Name == f.Name })
		if i < 0 {
			groups = append(groups, group{format: f})
			i = len(groups) - 1
		}
		groups[i].paths = append(groups[i].paths, in.path)
	}
	if len(groups) == 0 {
		return nil, fmt.Errorf("ingest: none of the files is in a known format (known: %s); name one with --input-format", strings.Join(Formats(), ", "))
	}
	return groups, nil
}
