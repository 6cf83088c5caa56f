package onebot11_test

import (
	"testing"

	"github.com/duobot/duobot/internal/jsongen/codegen"
)

// TestGeneratedJSONIsCurrent fails when zz_json_gen.go does not match the
// wire structs (run go generate ./onebot11/).
func TestGeneratedJSONIsCurrent(t *testing.T) {
	if err := codegen.Check("."); err != nil {
		t.Fatal(err)
	}
}
