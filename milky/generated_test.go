package milky

import (
	"testing"

	"github.com/duobot/duobot/internal/jsongen/codegen"
)

// TestGeneratedCodeIsCurrent fails when zz_json_gen.go is stale (run
// go generate ./milky/).
func TestGeneratedCodeIsCurrent(t *testing.T) { codegen.AssertCurrent(t, ".") }
