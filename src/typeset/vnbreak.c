/* vnbreak.c - the quality of a line break between two Vietnamese
 * syllables (see vnbreak.h). */
#include "typeset.h"
#include "base/base.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


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
	/* more of administration, schools, banks, the armed forces */
	"an ninh", "bình đẳng", "bồi dưỡng", "bưu chính", "bưu điện", "cảnh sát", "chuyên môn",
	"chuyên trách", "cục thuế", "dân chủ", "dân số", "dân sự", "dân vận", "di tích", "điều chỉnh",
	"điều hành", "điều lệ", "điện lực", "đoàn kết", "đối ngoại", "đối tượng",
	"đường bộ", "giải pháp", "giải quyết", "giảng viên", "hải quan", "hậu cần", "hiệu quả",
	"hiệu trưởng", "hình sự", "hóa học", "hoá học", "hợp tác", "hưu trí",
	"kho bạc", "khoáng sản", "kiểm sát", "kiểm toán", "kiến trúc", "kỹ thuật", "kỷ luật",
	"kiểm soát", "lâm nghiệp", "lực lượng", "mục tiêu", "ngân hàng", "ngoại giao", "ngoại vụ",
	"nghiên cứu", "nghiệp vụ", "nghĩa vụ", "nguồn lực", "người có", "nhân lực", "nhân sự",
	"nhân viên", "phòng cháy", "chữa cháy", "phụ nữ", "phương án", "phương hướng", "quân đội",
	"quân nhân", "quốc gia", "quốc phòng", "quốc tế", "quy hoạch", "quyền lợi", "sư phạm",
	"tài sản", "thanh niên", "thẩm định", "thẩm quyền", "thị trấn", "thị xã", "thiếu niên",
	"thời gian", "thông tư", "thủ tục", "thủy lợi", "thuỷ lợi", "thủy sản", "thuỷ sản",
	"thương binh", "tiêu dùng", "tín dụng", "toà án", "tòa án", "trung ương", "tư vấn",
	"tuyển dụng", "văn bản", "văn thư", "vật tư", "viện kiểm", "xây lắp", "xuất bản",
	"xuất nhập", "nhập khẩu", "xuất khẩu", "y dược", "bảo vệ", "bảo đảm", "chăm sóc",
	"cựu chiến", "chiến binh", "nông dân", "hội viên", "liên hiệp", "hợp nhất", "đặc biệt",
	"khó khăn", "đột xuất", "thường xuyên", "định kỳ", "sự nghiệp", "công lập", "ngoài công",
	"dân cư", "khu dân", "khu phố", "tổ dân", "ấp văn", "gia hà", "chi cục", "tổng cục",
	"nhân văn", "tự nhiên", "ngoại ngữ", "tin học", "mỹ thuật", "âm nhạc", "thư viện",
	/* places: the provinces and cities, Hồ Chí Minh */
	"an giang", "bà rịa", "vũng tàu", "bắc giang", "bắc kạn", "bạc liêu", "bắc ninh",
	"bến tre", "bình định", "bình dương", "bình phước", "bình thuận", "cà mau", "cao bằng",
	"đắk lắk", "đắk nông", "điện biên", "đồng nai", "đồng tháp", "gia lai", "hà giang",
	"hà nam", "hà tĩnh", "hải dương", "hậu giang", "hòa bình", "hoà bình", "hưng yên",
	"khánh hòa", "khánh hoà", "kiên giang", "kon tum", "lai châu", "lâm đồng", "lạng sơn",
	"lào cai", "long an", "nam định", "nghệ an", "ninh bình", "ninh thuận", "phú thọ",
	"phú yên", "quảng bình", "quảng nam", "quảng ngãi", "quảng ninh", "quảng trị",
	"sóc trăng", "sơn la", "tây ninh", "thái bình", "thái nguyên", "thanh hóa", "thanh hoá",
	"thừa thiên", "thiên huế", "tiền giang", "trà vinh", "tuyên quang", "vĩnh long",
	"vĩnh phúc", "yên bái", "đà nẵng", "hải phòng", "cần thơ", "hà nội", "hồ chí", "chí minh",
	"sài gòn", "thăng long", "cộng sản", "hiệp hội", "tây nguyên", "đồng bằng", "miền trung", "miền bắc", "miền nam",
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

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The words, sorted once for a binary search. */
static bool is_word(const char *pair)
{
	enum { N = sizeof words / sizeof *words };
	static const char *sorted[N];
	static bool ready;
	if (!ready) {
		memcpy(sorted, words, sizeof sorted);
		qsort(sorted, N, sizeof *sorted, cmp_str);
		ready = true;
	}
	return bsearch(&pair, sorted, N, sizeof *sorted, cmp_str) != NULL;
}

/* A syllable of a name written with capitals in running text: "Hồ",
 * "Chí" (not "HỒ": in a line of capitals every syllable has one). */
static bool name_syllable(const char *s, size_t n)
{
	const char *p = s, *e = s + n;
	if (p >= e || !text_is_upper(utf8_next(&p)))
		return false;
	while (p < e)
		if (text_is_lower(utf8_next(&p)))
			return true;
	return false;
}

/* Cuts off what is not the syllable: "(để", "cáo);", "“Giỏi". */
static void strip_marks(const char **s, size_t *n)
{
	static const char marks[] = "()[]\"'.,;:!?";
	while (*n && strchr(marks, (*s)[*n - 1]))
		(*n)--;
	while (*n && strchr(marks, **s)) {
		(*s)++;
		(*n)--;
	}
	/* the typographic quotes, three bytes each */
	while (*n >= 3 && (!strncmp(*s + *n - 3, "\xe2\x80\x9d", 3) ||
			   !strncmp(*s + *n - 3, "\xe2\x80\x9c", 3)))
		*n -= 3;
	while (*n >= 3 && (!strncmp(*s, "\xe2\x80\x9c", 3) || !strncmp(*s, "\xe2\x80\x9d", 3))) {
		*s += 3;
		*n -= 3;
	}
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
	/* The syllables without the marks around them: "báo cáo);". */
	strip_marks(&a, &an);
	strip_marks(&b, &bn);
	if (!an || !bn)
		return VB_PLAIN;
	nla = text_lower_into(a, an, la, sizeof la);
	nlb = text_lower_into(b, bn, lb, sizeof lb);
	if (!nla || !nlb)
		return VB_PLAIN;
	if (in(leaders, sizeof leaders / sizeof *leaders, la))
		return VB_POOR;
	/* Inside a name: "Hồ Chí Minh", "Phan Bội Châu", "Quảng Trị". */
	if (name_syllable(a, an) && name_syllable(b, bn) && last != '.' && last != ')')
		return VB_POOR;
	char pair[130];
	snprintf(pair, sizeof pair, "%s %s", la, lb);
	return is_word(pair) ? VB_POOR : VB_PLAIN;
}
