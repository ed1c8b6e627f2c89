package main

import (
	"strings"
	"testing"
)

func TestTokenize(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`The Dow's fall, said Victor Wan.`, `The Dow 's fall , said Victor Wan .`},
		{`"The overnight fall," he said.`, `" The overnight fall , " he said .`},
		{`The U.S. team won 27,478 to 1,189.42 at 9:36 p.m. on 2024-02-06.`,
			`The U.S. team won 27,478 to 1,189.42 at 9:36 p.m. on 2024-02-06 .`},
		{`President el-Sisi (Egypt) didn't meet Mr. Blinken; can't!`,
			`President el-Sisi ( Egypt ) did n't meet Mr. Blinken ; ca n't !`},
		{`“Quoted” and ‘single’ — investors' shares rose 5% to $20...`,
			`" Quoted " and ' single ' — investors ' shares rose 5 % to $ 20 ...`},
		{"``American Pie'' and George W. Bush", `" American Pie " and George W. Bush`},
		{`They're here; I'm sure we'll go.`, `They 're here ; I 'm sure we 'll go .`},
	} {
		if got := strings.Join(Tokenize(tc.in), " "); got != tc.want {
			t.Errorf("Tokenize(%q)\n got %q\nwant %q", tc.in, got, tc.want)
		}
	}
}
