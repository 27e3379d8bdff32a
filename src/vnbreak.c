/* vnbreak.c - the quality of a line break between two Vietnamese
 * syllables (see vnbreak.h). */
#include "vnbreak.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

/* Two-syllable words (or the first two syllables of longer ones) of
 * agencies, titles and reports, lower case. Breaking inside one is poor. */
static const char *const words[] = {
	"an toàn", "ban chấp", "ban hành", "bảo hiểm", "báo cáo", "bệnh viện", "bí thư",
	"biên phòng", "cá nhân", "cán bộ", "cao đẳng", "chánh văn", "chấp hành", "chất lượng",
	"chi bộ", "chi nhánh", "chính phủ", "chính sách", "chính trị", "chủ nghĩa", "chủ tịch",
	"chương trình", "cơ sở", "cổ phần", "công an", "công chức", "công đoàn", "công nghệ",
	"công nghiệp", "công tác", "công ty", "cộng hòa", "cộng hoà", "dân tộc", "doanh nghiệp",
	"du lịch", "đại biểu", "đại học", "đại hội", "đảng bộ", "đảng ủy", "đảng uỷ", "đảng viên",
	"đào tạo", "đầu tư", "điển hình", "đo lường", "đồng chí", "đời sống",
	"độc lập", "gia đình", "giám đốc", "giám sát", "giao thông", "giáo dục", "giáo viên",
	"gương mẫu", "hạnh phúc", "hành chính", "hoạt động", "học sinh", "hội đồng", "hội nghị",
	"hướng dẫn", "huyện ủy", "huyện uỷ", "hữu hạn", "kế hoạch", "kế toán", "kết luận",
	"khen thưởng", "khoa học", "kiểm tra", "kinh phí", "kinh tế", "lao động", "liên đoàn",
	"lưu trữ", "mặt trận", "mầm non", "môi trường", "ngân sách", "người lao", "nhà nước",
	"nhân dân", "nhiệm kỳ", "nhiệm vụ", "nội vụ", "nông nghiệp", "nông thôn", "nữ công",
	"pháp luật", "phát triển", "phó bí", "phó chánh", "phó chủ", "phó giám", "phó trưởng",
	"phong trào", "phổ thông", "phụ trách", "quân sự", "quốc hội", "quy chế", "quy định",
	"quyết định", "sinh viên", "sức khỏe", "sức khoẻ", "sơ kết", "tài chính", "tài nguyên",
	"tập thể", "thanh tra", "thành phố", "thành tích", "thành viên", "thể thao", "thi đua",
	"thông báo", "thông tin", "thu nhập", "thương mại", "thường trực", "thường vụ",
	"thực hiện", "tiên tiến", "tiền lương", "tiêu biểu", "tiêu chuẩn", "tiểu học", "tỉnh ủy",
	"tỉnh uỷ", "tổ chức", "tổ quốc", "tổng hợp", "tổng kết", "tổng liên", "trách nhiệm",
	"triển khai", "trung học", "trung tâm", "trường học", "trưởng ban", "trưởng phòng",
	"truyền thông", "tuyên giáo", "tuyên truyền", "tư pháp", "tự do", "ủy ban", "uỷ ban",
	"ủy viên", "uỷ viên", "văn hóa", "văn hoá", "văn phòng", "vận tải", "vệ sinh",
	"việc làm", "việt nam", "viên chức", "xã hội", "xây dựng", "xuất sắc", "y tế",
	"cơ quan", "chỉ đạo", "cộng đồng", "danh sách", "dịch bệnh", "dịch vụ", "địa phương", "đánh giá",
	"đẩy mạnh", "đề nghị", "đề xuất", "đơn vị", "hỗ trợ", "kết quả", "khu vực", "kinh doanh",
	"lãnh đạo", "mưa lũ", "nâng cao", "người dân", "nội dung", "phòng chống", "quản lý", "rà soát",
	"sản xuất", "tăng cường", "thiên tai", "thiệt hại", "thống kê", "tiếp tục", "tình hình", "trọng tâm",
	"ý kiến",
};

/* Words that lead the next one: a line should not end with them. */
static const char *const leaders[] = {
	"bà", "các", "cho", "của", "có", "để", "đến", "đối", "được", "giữa", "là", "những",
	"ông", "số", "tại", "theo", "thuộc", "trên", "trong", "từ", "và", "về", "với",
};

static bool is_number(const char *s, size_t n)
{
	return n && s[0] >= '0' && s[0] <= '9';
}

static bool in(const char *const *list, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(list[i], s))
			return true;
	return false;
}

enum vn_break vn_break_kind(const char *a, size_t an, const char *b, size_t bn)
{
	if (!an || !bn)
		return VB_PLAIN;
	/* Syllables are short: anything longer is no word of the lists. */
	char la[64], lb[64];
	size_t nla = text_lower_into(a, an, la, sizeof la);
	size_t nlb = text_lower_into(b, bn, lb, sizeof lb);
	bool date_word_a = !strcmp(la, "ngày") || !strcmp(la, "tháng") || !strcmp(la, "năm");
	bool date_word_b = !strcmp(lb, "tháng") || !strcmp(lb, "năm");
	char last = a[an - 1];
	if ((nla && date_word_a && is_number(b, bn)) || (nlb && is_number(a, an) && date_word_b))
		return VB_NEVER;
	if (last == ',' || last == ';' || last == ':')
		return VB_GOOD;
	if (!nla || !nlb)
		return VB_PLAIN;
	if (in(leaders, sizeof leaders / sizeof *leaders, la))
		return VB_POOR;
	char pair[130];
	snprintf(pair, sizeof pair, "%s %s", la, lb);
	return in(words, sizeof words / sizeof *words, pair) ? VB_POOR : VB_PLAIN;
}
