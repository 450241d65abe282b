package main

// The vocabulary of the generated bulletins: real Vietnamese words and
// phrases of digital transformation, public services and police
// administration, so that the text exercises what real sites do — multi-byte
// letters with stacked diacritics, đ/Đ (which has no canonical
// decomposition), long titles whose slugs must be made ASCII, and tag names
// that differ only by their marks.

// agencies are the subjects of sentences and the owners of plans.
var agencies = []string{
	"Bộ Công an",
	"Ban Chỉ đạo chuyển đổi số Bộ Công an",
	"Tổ công tác triển khai Đề án 06 của Chính phủ",
	"Cục Cảnh sát quản lý hành chính về trật tự xã hội",
	"Cục Quản lý xuất nhập cảnh",
	"Cục Cảnh sát giao thông",
	"Cục Kỹ thuật nghiệp vụ",
	"Trung tâm dữ liệu quốc gia",
	"Trung tâm nghiên cứu, ứng dụng dữ liệu dân cư và căn cước",
	"Văn phòng Cơ quan Cảnh sát điều tra",
	"Văn phòng Chính phủ",
	"Bộ Tư pháp",
	"Bộ Thông tin và Truyền thông",
	"Bảo hiểm xã hội Việt Nam",
	"Công an cấp xã",
	"Công an các đơn vị, địa phương",
	"Ủy ban nhân dân cấp tỉnh",
	"Sở Tư pháp",
	"Trung tâm Phục vụ hành chính công",
	"Tổ công tác Đề án 06 cấp huyện",
}

// units own plan tasks.
var units = []string{
	"Văn phòng Bộ",
	"Cục Cảnh sát quản lý hành chính về trật tự xã hội",
	"Cục Quản lý xuất nhập cảnh",
	"Cục Cảnh sát giao thông",
	"Cục Kỹ thuật nghiệp vụ",
	"Cục Pháp chế và cải cách hành chính, tư pháp",
	"Cục Tổ chức cán bộ",
	"Cục Tài chính",
	"Cục An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao",
	"Trung tâm dữ liệu quốc gia",
	"Học viện An ninh nhân dân",
	"Học viện Cảnh sát nhân dân",
	"Công an tỉnh, thành phố",
	"Công an cấp xã",
}

// provinces are places in sentences, table rows, metric scopes and tags.
var provinces = []string{
	"Hà Nội", "Thành phố Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế",
	"An Giang", "Bà Rịa – Vũng Tàu", "Bắc Giang", "Bắc Kạn", "Bạc Liêu", "Bắc Ninh",
	"Bến Tre", "Bình Định", "Bình Dương", "Bình Phước", "Bình Thuận", "Cà Mau",
	"Cao Bằng", "Đắk Lắk", "Đắk Nông", "Điện Biên", "Đồng Nai", "Đồng Tháp",
	"Gia Lai", "Hà Giang", "Hà Nam", "Hà Tĩnh", "Hải Dương", "Hậu Giang",
	"Hòa Bình", "Hưng Yên", "Khánh Hòa", "Kiên Giang", "Kon Tum", "Lai Châu",
	"Lâm Đồng", "Lạng Sơn", "Lào Cai", "Long An", "Nam Định", "Nghệ An",
	"Ninh Bình", "Ninh Thuận", "Phú Thọ", "Phú Yên", "Quảng Bình", "Quảng Nam",
	"Quảng Ngãi", "Quảng Ninh", "Quảng Trị", "Sóc Trăng", "Sơn La", "Tây Ninh",
	"Thái Bình", "Thái Nguyên", "Thanh Hóa", "Tiền Giang", "Trà Vinh", "Tuyên Quang",
	"Vĩnh Long", "Vĩnh Phúc", "Yên Bái",
}

// actions are verb phrases that take one of objects.
var actions = []string{
	"đã triển khai", "tiếp tục đẩy mạnh", "hoàn thành việc kết nối", "rà soát, đánh giá",
	"đề xuất đơn giản hóa", "chỉ đạo quyết liệt việc triển khai", "phối hợp triển khai",
	"tổ chức tập huấn về", "đánh giá kết quả thực hiện", "đã số hóa", "tích hợp",
	"cắt giảm, đơn giản hóa", "chuẩn hóa, làm sạch", "mở rộng", "thí điểm",
	"nâng cấp", "kiểm tra việc thực hiện", "hướng dẫn người dân sử dụng",
	"bảo đảm an ninh, an toàn cho", "đẩy nhanh tiến độ", "tuyên truyền về",
	"khắc phục tồn tại trong", "sơ kết việc thực hiện", "đưa vào vận hành",
}

// objects are what actions act on.
var objects = []string{
	"dịch vụ công trực tuyến toàn trình", "thủ tục hành chính liên thông",
	"hồ sơ cấp căn cước", "Cơ sở dữ liệu quốc gia về dân cư", "ứng dụng VNeID",
	"tài khoản định danh điện tử mức độ 2", "hệ thống thông tin giải quyết thủ tục hành chính",
	"dữ liệu hộ tịch điện tử", "thẻ căn cước gắn chíp", "thủ tục đăng ký, quản lý cư trú",
	"thủ tục cấp hộ chiếu phổ thông", "thủ tục đăng ký xe trực tuyến", "chữ ký số cá nhân",
	"Cổng dịch vụ công quốc gia", "Cổng dịch vụ công Bộ Công an", "sổ sức khỏe điện tử",
	"phiếu lý lịch tư pháp trên VNeID", "giấy phép lái xe tích hợp trên VNeID",
	"dữ liệu bảo hiểm xã hội", "thanh toán không dùng tiền mặt", "hồ sơ số hóa kết quả giải quyết",
	"hạ tầng kỹ thuật công nghệ thông tin", "nhóm tiện ích phục vụ phát triển kinh tế - xã hội",
	"mô hình điểm về chuyển đổi số", "chi trả an sinh xã hội qua tài khoản",
	"kho dữ liệu dùng chung", "quy trình nội bộ điện tử", "cơ sở dữ liệu chuyên ngành",
	"dịch vụ xác thực điện tử", "hệ thống camera giám sát an ninh trật tự",
}

// results are how a sentence about an object ends.
var results = []string{
	"đạt kết quả tích cực", "được người dân đánh giá cao", "vượt chỉ tiêu đề ra",
	"cơ bản hoàn thành đúng tiến độ", "còn chậm so với yêu cầu", "được triển khai đồng bộ",
	"giúp tiết kiệm thời gian, chi phí cho người dân", "tiếp tục có chuyển biến rõ nét",
	"đã đi vào nề nếp", "bước đầu phát huy hiệu quả", "góp phần giảm thủ tục giấy tờ",
	"còn một số vướng mắc cần tháo gỡ",
}

// times place a sentence in time.
var times = []string{
	"trong quý vừa qua", "từ đầu năm đến nay", "trong tháng qua", "trong thời gian tới",
	"trước ngày 30/6", "trong năm nay", "theo đúng lộ trình", "trong 6 tháng cuối năm",
	"ngay trong quý tới", "từ ngày 01/7",
}

// purposes end a sentence with its reason.
var purposes = []string{
	"nhằm phục vụ người dân và doanh nghiệp tốt hơn",
	"bảo đảm an ninh, an toàn dữ liệu",
	"để giảm thời gian đi lại cho người dân",
	"hướng tới nền hành chính phục vụ",
	"tạo thuận lợi cho người dân khi thực hiện thủ tục",
	"góp phần xây dựng Chính phủ số",
	"phục vụ công tác chỉ đạo, điều hành",
	"bảo đảm dữ liệu đúng, đủ, sạch, sống",
	"không để người dân phải đi lại nhiều lần",
}

// connectors open sentences.
var connectors = []string{
	"Bên cạnh đó,", "Đồng thời,", "Theo báo cáo,", "Tính đến nay,", "Cũng trong thời gian này,",
	"Tại cuộc họp,", "Qua theo dõi,", "Về lâu dài,", "Trên cơ sở đó,", "Thực hiện chỉ đạo,",
}

// headings title the sections of a bulletin.
var headings = []string{
	"Kết quả nổi bật", "Nhiệm vụ trọng tâm thời gian tới", "Khó khăn, vướng mắc",
	"Kiến nghị, đề xuất", "Số hóa hồ sơ thủ tục hành chính", "Khai thác dữ liệu dân cư",
	"Dịch vụ công trực tuyến", "Cấp căn cước và định danh điện tử", "Ứng dụng VNeID",
	"Bảo đảm an ninh, an toàn dữ liệu", "Đào tạo, bồi dưỡng cán bộ", "Hạ tầng kỹ thuật",
	"Công tác tuyên truyền", "Phối hợp liên ngành", "Đánh giá chung",
	"Kết quả triển khai Đề án 06", "Cải cách thủ tục hành chính", "Quản lý cư trú",
	"Xuất nhập cảnh", "Đăng ký, quản lý phương tiện giao thông", "Chỉ đạo của Bộ trưởng",
	"Tình hình thực hiện kế hoạch", "Những việc cần làm ngay", "Bài học kinh nghiệm",
}

// titleHeads open article titles; titleTails close them.
var titleHeads = []string{
	"Ban Chỉ đạo chuyển đổi số đánh giá", "Bộ Công an sơ kết", "Đẩy mạnh", "Công an %s triển khai",
	"Hội nghị trực tuyến về", "Tổ công tác Đề án 06 kiểm tra", "Hà Nội tăng tốc", "Tháo gỡ vướng mắc trong",
	"Hướng dẫn mới về", "Kết quả bước đầu của", "Ra mắt", "Chuẩn hóa dữ liệu phục vụ",
	"%s hoàn thành", "Tập huấn cho cán bộ về", "Người dân %s hưởng lợi từ", "Phát động đợt cao điểm về",
}

var titleTails = []string{
	"quý I/%d", "quý II/%d", "6 tháng đầu năm %d", "9 tháng năm %d", "năm %d", "tháng %d/%d",
	"giai đoạn 2022–2025", "trên địa bàn %s", "tại %s", "",
}

// tagTopics are the topic tags; with provinces they make the tag pool.
var tagTopics = []string{
	"chuyển đổi số", "Đề án 06", "dịch vụ công trực tuyến", "dữ liệu dân cư", "căn cước",
	"định danh điện tử", "VNeID", "thủ tục hành chính", "cải cách hành chính", "hồ sơ",
	"số hóa", "cư trú", "xuất nhập cảnh", "hộ chiếu", "đăng ký xe", "giấy phép lái xe",
	"an ninh mạng", "an toàn dữ liệu", "bảo vệ dữ liệu cá nhân", "chữ ký số", "thanh toán điện tử",
	"an sinh xã hội", "bảo hiểm xã hội", "bảo hiểm y tế", "hộ tịch", "khai sinh", "khai tử",
	"lý lịch tư pháp", "sổ sức khỏe điện tử", "y tế số", "giáo dục số", "kinh tế số", "xã hội số",
	"chính phủ số", "chính quyền điện tử", "Trung tâm dữ liệu quốc gia", "hạ tầng số", "điện toán đám mây",
	"trí tuệ nhân tạo", "sinh trắc học", "camera an ninh", "giao thông thông minh", "phạt nguội",
	"đô thị thông minh", "nông thôn mới", "người cao tuổi", "đồng bào dân tộc thiểu số", "vùng sâu, vùng xa",
	"doanh nghiệp", "đầu tư công", "ngân sách", "Kế hoạch 829", "Chỉ thị 04", "Luật Căn cước",
	"Luật Dữ liệu", "Nghị định 59", "Nghị quyết 57", "khoa học công nghệ", "đổi mới sáng tạo",
	"tuyên truyền", "tập huấn", "hội nghị", "sơ kết", "tổng kết", "kiểm tra", "thanh tra",
	"phòng chống tội phạm", "lừa đảo trực tuyến", "an ninh trật tự", "phòng cháy chữa cháy",
	"quản lý hành chính", "tiếp công dân", "phản ánh kiến nghị", "tổng đài 1900", "bưu chính công ích",
	"một cửa liên thông", "tổ công nghệ số cộng đồng", "kỹ năng số", "thanh niên tình nguyện",
	"phụ nữ", "Công an xã", "cán bộ chiến sĩ", "thi đua", "khen thưởng", "hợp tác quốc tế",
	"kinh nghiệm quốc tế", "an ninh dữ liệu", "định danh tổ chức", "mã định danh cá nhân", "thẻ BHYT",
	"ví điện tử", "ngân hàng số", "tài khoản an sinh", "chi trả không dùng tiền mặt", "học bạ số",
	"bệnh án điện tử", "cấp đổi giấy phép lái xe", "lao động việc làm", "bầu cử", "lấy ý kiến nhân dân",
	"Hiến pháp", "sắp xếp đơn vị hành chính", "chính quyền hai cấp", "văn bản điện tử", "hội nghị trực tuyến",
	"họp không giấy", "ký số văn bản", "báo cáo điện tử", "hệ thống thông tin báo cáo", "dữ liệu mở",
	"cổng thông tin điện tử", "mạng xã hội", "báo chí", "quý I", "quý II", "quý III", "quý IV",
	"cao điểm 90 ngày", "mô hình điểm", "sáng kiến", "thí điểm", "nhân rộng", "làm sạch dữ liệu",
}

// linkTexts and linkURLs are the links bulletins cite (same index).
var linkTexts = []string{
	"Cổng dịch vụ công quốc gia", "Cổng dịch vụ công Bộ Công an", "Cổng thông tin điện tử Bộ Công an",
	"Cổng thông tin điện tử Chính phủ", "văn bản hướng dẫn", "toàn văn kế hoạch",
}

var linkURLs = []string{
	"https://dichvucong.gov.vn/", "https://dichvucong.bocongan.gov.vn/", "https://bocongan.gov.vn/",
	"https://chinhphu.vn/", "https://vanban.chinhphu.vn/", "https://bocongan.gov.vn/van-ban/",
}

// notes annotate plan updates.
var notes = []string{
	"Đã trình lãnh đạo Bộ ký ban hành", "Chờ ý kiến của các bộ, ngành", "Đang hoàn thiện dự thảo",
	"Đã tổ chức hội nghị triển khai", "Vướng mắc về kinh phí, đang kiến nghị tháo gỡ",
	"Hoàn thành kết nối thử nghiệm", "Đã đưa vào vận hành chính thức", "Theo báo cáo tháng",
	"Điều chỉnh phạm vi theo chỉ đạo mới", "Đã nghiệm thu",
}

// metricConcepts are the series metrics are made from: a title, the unit,
// the kind, a short ASCII stem for the id, and a national level per year.
var metricConcepts = []struct {
	title, unit, kind, stem string
	perYear                 float64
}{
	{"Hồ sơ trực tuyến được tiếp nhận", "hồ sơ", "flow", "ho-so-truc-tuyen", 80e6},
	{"Tỷ lệ hồ sơ trực tuyến", "%", "ratio", "ty-le-truc-tuyen", 0},
	{"Tài khoản định danh điện tử được kích hoạt", "tài khoản", "stock", "tai-khoan-dinh-danh", 60e6},
	{"Thẻ căn cước được cấp", "thẻ", "flow", "the-can-cuoc", 15e6},
	{"Yêu cầu tra cứu, xác thực thông tin công dân", "yêu cầu", "flow", "tra-cuu-xac-thuc", 5e9},
	{"Tỷ lệ hồ sơ giải quyết đúng hạn", "%", "ratio", "ty-le-dung-han", 0},
	{"Hồ sơ, kết quả thủ tục hành chính đã số hóa", "hồ sơ", "stock", "so-hoa-luy-ke", 150e6},
	{"Lượt truy cập Cổng dịch vụ công", "lượt", "flow", "luot-truy-cap", 900e6},
	{"Hộ chiếu phổ thông được cấp", "cuốn", "flow", "ho-chieu", 3e6},
	{"Phương tiện đăng ký trực tuyến", "phương tiện", "flow", "dang-ky-xe", 4e6},
	{"Tỷ lệ dân số có tài khoản định danh mức 2", "%", "ratio", "ty-le-dinh-danh", 0},
	{"Phiếu lý lịch tư pháp cấp qua VNeID", "phiếu", "flow", "ly-lich-tu-phap", 1.5e6},
	{"Giao dịch thanh toán trực tuyến", "giao dịch", "flow", "thanh-toan", 20e6},
	{"Người dân được hỗ trợ kỹ năng số", "lượt người", "stock", "ky-nang-so", 10e6},
	{"Tỷ lệ thủ tục cung cấp trực tuyến toàn trình", "%", "ratio", "ty-le-toan-trinh", 0},
	{"Cuộc gọi tổng đài hỗ trợ", "cuộc gọi", "flow", "tong-dai", 2e6},
}
