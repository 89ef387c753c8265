package names

import (
	"slices"
	"testing"
)

// TestCJKForms checks the legal forms and business words in Han and Hangul
// on the names the UN list gives in Han beside their Latin names (KPe.073,
// KPe.059, KPe.055), and a form written before the name.
func TestCJKForms(t *testing.T) {
	for _, tt := range []struct {
		in, want string
		forms    []string
	}{
		{"沈忠國際海運有限公司", "沈忠 international  shipping ", []string{"co ltd"}},
		{"華信船務(香港)有限公司", "華信 shipping (香港)", []string{"co ltd"}},
		{"長安海連技術有限公司", "長安海連 technology ", []string{"co ltd"}},
		{"株式会社 三星", "三星", []string{"kk"}},
		{"삼성전자 주식회사", "삼성 electronics ", []string{"co ltd"}},
		{"公司", "公司", nil},                 // nothing would be left
		{"Samsung Co", "Samsung Co", nil}, // no Han, kana or Hangul
	} {
		got, forms := cutCJKForms(tt.in)
		if got != tt.want || !slices.Equal(forms, tt.forms) {
			t.Errorf("cutCJKForms(%q) = %q, %q; want %q, %q", tt.in, got, forms, tt.want, tt.forms)
		}
	}
	wantMatch(t, true, "a name in Han with its legal form",
		[2]string{"SHEN ZHONG INTERNATIONAL SHIPPING", "沈忠國際海運有限公司"},
		[2]string{"HUAXIN SHIPPING HONGKONG LTD", "華信船務(香港)有限公司"},
		[2]string{"CHANG AN SHIPPING & TECHNOLOGY", "長安海連技術有限公司"})
}
