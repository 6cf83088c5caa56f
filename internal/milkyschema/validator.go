package milkyschema

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"time"
)

// PackageVersion is the pinned version of @saltify/milky-types the validator must find in
// node_modules (package.json pins it exactly; package-lock.json makes `npm ci` reproducible).
const PackageVersion = "1.2.2"

// Schema name helpers for the convenience names the validator accepts besides the
// package's own export names (e.g. "GroupMemberEntity", "IncomingMessage").
const (
	// SchemaEvent is the Event union (discriminated on event_type).
	SchemaEvent = "event"
	// SchemaIncomingSegment is the IncomingSegment union. Note: the package wraps it in
	// .catch(), so it accepts anything; use the strict mode to see replacements.
	SchemaIncomingSegment = "incoming_segment"
	// SchemaOutgoingSegment is the OutgoingSegment union.
	SchemaOutgoingSegment = "outgoing_segment"
)

// APIInput returns the schema name of an API's request body, e.g.
// APIInput("send_group_message") == "api_input:send_group_message". For an API without
// a request schema the validator demands exactly {}.
func APIInput(api string) string { return "api_input:" + api }

// APIOutput returns the schema name of an API's response data, e.g.
// APIOutput("get_login_info") == "api_output:get_login_info". For an API without a
// response schema the validator accepts any object ({} on the wire).
func APIOutput(api string) string { return "api_output:" + api }

// ErrUnavailable reports that node or the installed npm package is missing. Check and
// CheckStrict skip the test on it, unless the environment variable CI is non-empty.
var ErrUnavailable = errors.New("milkyschema: node or internal/milkyschema/node_modules missing: run `make deps`")

// ErrClosed is returned by calls on a Validator after Close, or after its node process
// died or a call was abandoned through its context.
var ErrClosed = errors.New("milkyschema: validator closed")

// SchemaError is the error for a value that does not conform to its schema. Issues is
// the readable list of zod issues, one per line ("at data.peer_id: Invalid input: ...").
type SchemaError struct {
	Schema string
	Issues string
}

// Error implements error.
func (e *SchemaError) Error() string {
	return "milkyschema: value does not match " + e.Schema + ":\n" + e.Issues
}

// The validator script's operations.
const (
	opValidate = "validate"
	opStrict   = "strict"
	opParse    = "parse"
	opList     = "list"
)

// Validator is one long-lived node process running validate.mjs. It is safe for
// concurrent use: calls are serialized over the process's stdin/stdout. It starts no
// goroutines of its own, so goleak-checked tests may use it freely.
type Validator struct {
	mu     sync.Mutex
	cmd    *exec.Cmd
	stdin  *os.File
	stdout *os.File
	r      *bufio.Reader
	stderr *os.File // unlinked temp file holding node's stderr
	nextID int64
	dead   error // set once the process is closed or unusable

	listed  bool
	apis    []string
	schemas []string
}

// Dir returns the directory of this package (where validate.mjs, package.json and
// node_modules live). It uses the source location recorded at build time and, failing
// that (e.g. a -trimpath build), looks for internal/milkyschema under the module root
// found by walking up from the working directory.
func Dir() (string, error) {
	if _, file, _, ok := runtime.Caller(0); ok && filepath.IsAbs(file) {
		dir := filepath.Dir(file)
		if fileExists(filepath.Join(dir, "validate.mjs")) {
			return dir, nil
		}
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("milkyschema: locate package directory: %w", err)
	}
	for d := wd; ; {
		if fileExists(filepath.Join(d, "go.mod")) {
			dir := filepath.Join(d, "internal", "milkyschema")
			if fileExists(filepath.Join(dir, "validate.mjs")) {
				return dir, nil
			}
			break
		}
		parent := filepath.Dir(d)
		if parent == d {
			break
		}
		d = parent
	}
	return "", errors.New("milkyschema: cannot locate internal/milkyschema/validate.mjs")
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// Start launches a validator process. It returns an error wrapping ErrUnavailable when
// node is not on PATH or node_modules has not been installed, and a plain error when the
// installed package is not PackageVersion or the process fails to come up. ctx bounds
// the start-up only.
func Start(ctx context.Context) (*Validator, error) {
	dir, err := Dir()
	if err != nil {
		return nil, err
	}
	return startIn(ctx, dir)
}

// startIn starts validate.mjs found in dir, with dir's node_modules.
func startIn(ctx context.Context, dir string) (*Validator, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("milkyschema: start: %w", err)
	}
	node, err := exec.LookPath("node")
	if err != nil {
		return nil, fmt.Errorf("%w (node not found: %w)", ErrUnavailable, err)
	}
	for _, pkg := range []string{"@saltify/milky-types", "zod"} {
		manifest := filepath.Join(dir, "node_modules", filepath.FromSlash(pkg), "package.json")
		if !fileExists(manifest) {
			return nil, fmt.Errorf("%w (%s is not installed in %s)", ErrUnavailable, pkg, dir)
		}
	}

	stderr, err := os.CreateTemp("", "milkyschema-stderr-*")
	if err != nil {
		return nil, fmt.Errorf("milkyschema: start: %w", err)
	}
	cmd := exec.Command(node, "validate.mjs")
	cmd.Dir = dir
	cmd.Stderr = stderr // an *os.File: handed to the child directly, no copying goroutine
	stdinR, stdinW, err := os.Pipe()
	if err != nil {
		_ = stderr.Close()
		return nil, fmt.Errorf("milkyschema: start: %w", err)
	}
	stdoutR, stdoutW, err := os.Pipe()
	if err != nil {
		closeAll(stderr, stdinR, stdinW)
		return nil, fmt.Errorf("milkyschema: start: %w", err)
	}
	cmd.Stdin = stdinR
	cmd.Stdout = stdoutW
	err = cmd.Start()
	closeAll(stdinR, stdoutW) // the child holds its own copies
	// The child keeps its descriptor; unlinking now leaves nothing behind on any exit path.
	// (Where an open file cannot be removed, e.g. Windows, kill removes it.)
	_ = os.Remove(stderr.Name())
	if err != nil {
		closeAll(stderr, stdinW, stdoutR)
		return nil, fmt.Errorf("milkyschema: start node: %w", err)
	}
	v := &Validator{
		cmd:    cmd,
		stdin:  stdinW,
		stdout: stdoutR,
		r:      bufio.NewReaderSize(stdoutR, 64<<10),
		stderr: stderr,
	}

	var ready struct {
		Ready          bool   `json:"ready"`
		MilkyVersion   string `json:"milky_version"`
		PackageVersion string `json:"package_version"`
	}
	line, err := v.readLine(ctx)
	if err == nil {
		err = json.Unmarshal(line, &ready)
	}
	if err != nil || !ready.Ready {
		msg := v.stderrText()
		v.kill()
		return nil, fmt.Errorf("milkyschema: node validator did not start (%v): %s", err, msg)
	}
	if ready.PackageVersion != PackageVersion {
		v.kill()
		return nil, fmt.Errorf("milkyschema: node_modules holds @saltify/milky-types %s, want %s: "+
			"delete %s and run `make deps`", ready.PackageVersion, PackageVersion, filepath.Join(dir, "node_modules"))
	}
	return v, nil
}

func closeAll(files ...*os.File) {
	for _, f := range files {
		_ = f.Close()
	}
}

// Validate reports whether doc (one JSON value) conforms to the named schema. A value
// the schema rejects yields a *SchemaError with the readable zod issues. Note that the
// package's objects are not strict: unknown keys are accepted (and stripped); use
// ValidateStrict to reject those too.
func (v *Validator) Validate(ctx context.Context, schema string, doc []byte) error {
	_, err := v.do(ctx, opValidate, schema, doc)
	return err
}

// ValidateStrict is Validate plus a check that the schema kept the value as it was: no
// key stripped as unknown, no array element dropped, no value replaced (such as an
// invalid incoming segment swapped for the "[unknown]" text by the package's .catch()).
// Keys the schema adds (defaults) and nulls it turns into defaults are fine. Use it for
// JSON the SDK builds itself (API inputs, outgoing segments), where an unknown key is a
// misspelt field.
func (v *Validator) ValidateStrict(ctx context.Context, schema string, doc []byte) error {
	_, err := v.do(ctx, opStrict, schema, doc)
	return err
}

// Parse validates doc and returns what the schema makes of it: defaults applied,
// unknown keys stripped, caught values replaced. The result is compact JSON.
func (v *Validator) Parse(ctx context.Context, schema string, doc []byte) ([]byte, error) {
	resp, err := v.do(ctx, opParse, schema, doc)
	if err != nil {
		return nil, err
	}
	return resp.Output, nil
}

// APIs returns the name of every API in the package's zodApiCategories, in the
// package's order (the 64 APIs of Milky 1.2).
func (v *Validator) APIs(ctx context.Context) ([]string, error) {
	if err := v.list(ctx); err != nil {
		return nil, err
	}
	return append([]string(nil), v.apis...), nil
}

// Schemas returns every schema name the validator accepts, sorted.
func (v *Validator) Schemas(ctx context.Context) ([]string, error) {
	if err := v.list(ctx); err != nil {
		return nil, err
	}
	return append([]string(nil), v.schemas...), nil
}

func (v *Validator) list(ctx context.Context) error {
	v.mu.Lock()
	listed := v.listed
	v.mu.Unlock()
	if listed {
		return nil
	}
	resp, err := v.do(ctx, opList, "", nil)
	if err != nil {
		return err
	}
	v.mu.Lock()
	v.apis, v.schemas, v.listed = resp.APIs, resp.Schemas, true
	v.mu.Unlock()
	return nil
}

// Close stops the node process. Later calls return ErrClosed. Close is idempotent.
func (v *Validator) Close() error {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.dead != nil {
		return nil
	}
	v.dead = ErrClosed
	v.kill()
	return nil
}

type response struct {
	ID      *int64          `json:"id"`
	OK      bool            `json:"ok"`
	Kind    string          `json:"kind"`
	Error   string          `json:"error"`
	Output  json.RawMessage `json:"output"`
	Schemas []string        `json:"schemas"`
	APIs    []string        `json:"apis"`
}

func (v *Validator) do(ctx context.Context, op, schema string, doc []byte) (*response, error) {
	var req bytes.Buffer
	req.Grow(len(doc) + len(schema) + 64)
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.dead != nil {
		return nil, v.dead
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("milkyschema: %w", err)
	}
	v.nextID++
	id := v.nextID
	req.WriteString(`{"id":`)
	req.WriteString(strconv.FormatInt(id, 10))
	req.WriteString(`,"op":`)
	req.WriteString(strconv.Quote(op))
	if op != opList {
		name, _ := json.Marshal(schema) // a string always marshals
		req.WriteString(`,"schema":`)
		req.Write(name)
		req.WriteString(`,"value":`)
		// Compact also validates, and guarantees the request stays on one line.
		if err := json.Compact(&req, doc); err != nil {
			return nil, fmt.Errorf("milkyschema: document for %s is not valid JSON: %w", schema, err)
		}
	}
	req.WriteString("}\n")

	line, err := v.roundTrip(ctx, req.Bytes())
	if err != nil {
		return nil, err
	}
	var resp response
	if err := json.Unmarshal(line, &resp); err != nil || resp.ID == nil || *resp.ID != id {
		v.fail(fmt.Errorf("%w: protocol error (answer %.200q to request %d)", ErrClosed, line, id))
		return nil, v.dead
	}
	if !resp.OK {
		if resp.Kind == "invalid" {
			return nil, &SchemaError{Schema: schema, Issues: resp.Error}
		}
		return nil, fmt.Errorf("milkyschema: %s %s: %s", op, schema, resp.Error)
	}
	return &resp, nil
}

// roundTrip writes one request line and reads one answer line; v.mu is held. If ctx
// ends first, the pipes' deadlines cut the wait short and the validator is shut down
// (a half-read answer would desynchronise the stream).
func (v *Validator) roundTrip(ctx context.Context, req []byte) ([]byte, error) {
	if _, err := v.writeAll(ctx, req); err != nil {
		return nil, v.broken(ctx, "write request", err)
	}
	line, err := v.readLine(ctx)
	if err != nil {
		return nil, v.broken(ctx, "read answer", err)
	}
	return line, nil
}

func (v *Validator) writeAll(ctx context.Context, b []byte) (int, error) {
	release := v.watch(ctx)
	defer release()
	return v.stdin.Write(b)
}

func (v *Validator) readLine(ctx context.Context) ([]byte, error) {
	release := v.watch(ctx)
	defer release()
	return v.r.ReadBytes('\n')
}

// watch arranges for ctx's end to interrupt blocked pipe I/O, and returns a function that
// undoes the arrangement once the I/O is over.
func (v *Validator) watch(ctx context.Context) func() {
	fired := make(chan struct{})
	stop := context.AfterFunc(ctx, func() {
		defer close(fired)
		now := time.Now()
		_ = v.stdin.SetWriteDeadline(now)
		_ = v.stdout.SetReadDeadline(now)
	})
	return func() {
		if !stop() {
			<-fired
			_ = v.stdin.SetWriteDeadline(time.Time{})
			_ = v.stdout.SetReadDeadline(time.Time{})
		}
	}
}

// broken marks the validator unusable after an I/O failure and explains why.
func (v *Validator) broken(ctx context.Context, what string, err error) error {
	if ctxErr := ctx.Err(); ctxErr != nil && errors.Is(err, os.ErrDeadlineExceeded) {
		v.fail(fmt.Errorf("%w: a call was abandoned (%w)", ErrClosed, ctxErr))
		return fmt.Errorf("milkyschema: %s: %w", what, ctxErr)
	}
	if errors.Is(err, io.EOF) || errors.Is(err, os.ErrClosed) || errors.Is(err, io.ErrClosedPipe) {
		msg := v.stderrText()
		v.fail(fmt.Errorf("%w: node exited: %s", ErrClosed, msg))
		return v.dead
	}
	v.fail(fmt.Errorf("%w: %s: %w", ErrClosed, what, err))
	return v.dead
}

func (v *Validator) fail(err error) {
	if v.dead == nil {
		v.dead = err
	}
	v.kill()
}

func (v *Validator) kill() {
	if v.cmd.Process != nil && v.cmd.ProcessState == nil {
		_ = v.cmd.Process.Kill()
		_ = v.cmd.Wait()
	}
	closeAll(v.stdin, v.stdout)
	if v.stderr != nil {
		_ = v.stderr.Close()
		_ = os.Remove(v.stderr.Name())
	}
}

// stderrText returns the start of what node wrote to stderr (for start-up and crash
// reports).
func (v *Validator) stderrText() string {
	if v.stderr == nil {
		return "(no stderr)"
	}
	buf := make([]byte, 4096)
	n, _ := v.stderr.ReadAt(buf, 0)
	if n == 0 {
		return "(stderr empty)"
	}
	return string(bytes.TrimSpace(buf[:n]))
}
