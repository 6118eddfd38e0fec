"""Names for the province-scale data: persons, towns, organs and their units.

Plain data, no database.  Frequencies are approximations of the published
surname rankings (the 2020 census top 100), leaning to Shandong (王 张 李 刘
孙 lead there); given names mix the common single and double names of people
born 1960–2000, so that "建军" occurs among the men as it does in real lists.
"""
from __future__ import annotations

# (surname, weight in ‱ of the population); a few two-character surnames at the end.
SURNAMES: tuple[tuple[str, float], ...] = (
    ("王", 790), ("李", 740), ("张", 760), ("刘", 560), ("陈", 380), ("杨", 300), ("赵", 260), ("孙", 240),
    ("黄", 120), ("周", 150), ("吴", 140), ("徐", 180), ("马", 160), ("朱", 120), ("胡", 110), ("郭", 150),
    ("何", 70), ("高", 170), ("林", 80), ("罗", 50), ("郑", 90), ("梁", 90), ("谢", 60), ("宋", 120),
    ("唐", 60), ("许", 80), ("韩", 110), ("冯", 80), ("邓", 40), ("曹", 90), ("彭", 40), ("曾", 30),
    ("肖", 50), ("田", 80), ("董", 100), ("袁", 50), ("潘", 40), ("于", 140), ("蒋", 40), ("蔡", 40),
    ("余", 20), ("杜", 70), ("叶", 30), ("程", 60), ("苏", 60), ("魏", 70), ("吕", 70), ("丁", 60),
    ("任", 60), ("沈", 30), ("姚", 40), ("卢", 40), ("姜", 120), ("崔", 90), ("钟", 20), ("谭", 20),
    ("陆", 20), ("汪", 20), ("范", 50), ("金", 30), ("石", 50), ("廖", 10), ("贾", 50), ("夏", 30),
    ("韦", 10), ("付", 40), ("方", 30), ("白", 40), ("邹", 20), ("孟", 60), ("熊", 10), ("秦", 40),
    ("邱", 20), ("江", 20), ("尹", 40), ("薛", 50), ("闫", 40), ("段", 30), ("雷", 20), ("侯", 50),
    ("龙", 10), ("史", 40), ("陶", 20), ("黎", 5), ("贺", 30), ("顾", 20), ("毛", 30), ("郝", 40),
    ("龚", 10), ("邵", 40), ("万", 20), ("钱", 10), ("严", 20), ("覃", 5), ("武", 40), ("戴", 20),
    ("莫", 5), ("孔", 50), ("向", 5), ("汤", 10), ("曲", 40), ("隋", 20), ("逄", 10), ("臧", 20),
    ("纪", 30), ("邢", 40), ("牛", 30), ("庞", 20), ("葛", 30), ("房", 20), ("解", 10), ("栾", 10),
    ("欧阳", 3), ("司马", 1), ("诸葛", 2), ("上官", 1), ("东方", 1),
)

# Full given names common among men born 1960–1980, then 1980–2000.
GIVEN_M_FULL: tuple[tuple[str, float], ...] = (
    ("建军", 14), ("建国", 10), ("建华", 10), ("国强", 8), ("志强", 10), ("海涛", 8), ("国庆", 6),
    ("晓东", 8), ("振华", 6), ("立新", 6), ("永刚", 6), ("红军", 5), ("卫东", 5), ("建平", 5),
    ("文博", 4), ("子豪", 3), ("浩然", 4), ("宇航", 3), ("俊杰", 4), ("家豪", 3), ("明轩", 3),
    ("伟", 20), ("强", 14), ("磊", 16), ("军", 14), ("勇", 12), ("杰", 12), ("涛", 12), ("斌", 10),
    ("超", 10), ("明", 10), ("刚", 10), ("平", 8), ("辉", 10), ("鹏", 10), ("华", 8), ("飞", 8),
    ("鑫", 8), ("波", 8), ("宁", 6), ("凯", 8), ("健", 6), ("峰", 8), ("亮", 8), ("东", 6),
)
GIVEN_M_FIRST = "志建国海文明永春晓子浩宇俊家立德世学振红卫新金玉庆兆洪成延广继"
GIVEN_M_SECOND = "强军华国伟明涛东平杰刚波辉鹏飞峰斌超龙林生民山亮宇轩博豪武成祥"

GIVEN_F_FULL: tuple[tuple[str, float], ...] = (
    ("秀英", 10), ("桂英", 8), ("红梅", 8), ("晓红", 8), ("丽华", 7), ("雅琴", 5), ("海燕", 8),
    ("晓燕", 8), ("文静", 7), ("欣怡", 5), ("梦瑶", 4), ("佳琪", 4), ("思雨", 4), ("雨涵", 4),
    ("淑华", 5), ("玉兰", 5), ("春艳", 5), ("美玲", 4), ("晓雯", 5), ("慧敏", 5), ("丽娟", 6),
    ("芳", 20), ("娜", 16), ("敏", 14), ("静", 16), ("丽", 14), ("艳", 12), ("娟", 12), ("霞", 10),
    ("燕", 10), ("玲", 10), ("婷", 12), ("雪", 8), ("琳", 8), ("颖", 8), ("倩", 8), ("洁", 8),
)
GIVEN_F_FIRST = "秀桂红晓丽雅海文欣梦佳思雨淑玉春美慧凤翠金爱素艳冬彩晶婷"
GIVEN_F_SECOND = "英梅红华琴燕静怡瑶琪雨涵兰艳玲雯敏娟霞芳萍丽洁颖倩琳蕾莉"

# Stems of town and street names (镇街); a county gets a sample of them.
TOWN_STEMS = (
    "城关", "东城", "西城", "南关", "北关", "新华", "河东", "河西", "柳林", "石门", "龙山", "凤凰", "朱家",
    "马庄", "李村", "王台", "官庄", "店子", "桥头", "大王", "双山", "青山", "白沙", "黄河", "沙河", "柳泉",
    "杨家", "张庄", "刘集", "孙家", "田庄", "高庄", "东关", "西关", "南苑", "北苑", "文化路", "解放路",
    "人民路", "建设路", "和平路", "胜利", "新城", "古城", "山河", "望海", "海滨", "泉城", "金山", "银河",
    "大店", "小店", "三里", "五里", "十里铺", "八里庄", "姜庄", "崔家", "于家", "辛庄", "后屯", "前屯",
    "兴隆", "太平", "安乐", "长乐", "永安", "宁阳", "平安", "富源", "鲁村", "北孟", "南麻", "东里",
    "汶阳", "泗河", "沂河", "蒙山", "尼山", "峄山", "石桥", "莲花", "桃园", "梨园", "枣园", "柳园",
)

# Organs per level: (name template, category code, sponsor kind).  ``{r}`` is the
# region's name.  The order matters: a small data set keeps the first ones.
# Kinds: edu → schools, health → hospitals, police / legal / court → 政法专项编制,
# other → service centres.
PROVINCE_ORGANS: tuple[tuple[str, str, str], ...] = (
    ("{r}委办公厅", "party_organ", "other"),
    ("{r}人民政府办公厅", "government_department", "other"),
    ("{r}教育厅", "government_department", "edu"),
    ("{r}卫生健康委员会", "government_department", "health"),
    ("{r}公安厅", "government_department", "police"),
    ("{r}委组织部", "party_organ", "other"),
    ("{r}财政厅", "government_department", "other"),
    ("{r}高级人民法院", "npc_cppcc_court_procuratorate", "court"),
    ("{r}人民检察院", "npc_cppcc_court_procuratorate", "court"),
    ("{r}委宣传部", "party_organ", "other"),
    ("{r}委统战部", "party_organ", "other"),
    ("{r}委政法委员会", "party_organ", "other"),
    ("{r}委机构编制委员会办公室", "party_organ", "other"),
    ("{r}委政策研究室", "party_organ", "other"),
    ("{r}直机关工作委员会", "party_organ", "other"),
    ("{r}委网络安全和信息化委员会办公室", "party_organ", "other"),
    ("{r}委老干部局", "party_organ", "other"),
    ("{r}发展和改革委员会", "government_department", "other"),
    ("{r}科学技术厅", "government_department", "other"),
    ("{r}工业和信息化厅", "government_department", "other"),
    ("{r}民政厅", "government_department", "other"),
    ("{r}司法厅", "government_department", "legal"),
    ("{r}人力资源和社会保障厅", "government_department", "other"),
    ("{r}自然资源厅", "government_department", "other"),
    ("{r}生态环境厅", "government_department", "other"),
    ("{r}住房和城乡建设厅", "government_department", "other"),
    ("{r}交通运输厅", "government_department", "other"),
    ("{r}水利厅", "government_department", "other"),
    ("{r}农业农村厅", "government_department", "other"),
    ("{r}商务厅", "government_department", "other"),
    ("{r}文化和旅游厅", "government_department", "other"),
    ("{r}退役军人事务厅", "government_department", "other"),
    ("{r}应急管理厅", "government_department", "other"),
    ("{r}审计厅", "government_department", "other"),
    ("{r}人民政府外事办公室", "government_department", "other"),
    ("{r}人民政府国有资产监督管理委员会", "government_department", "other"),
    ("{r}市场监督管理局", "government_department", "other"),
    ("{r}广播电视局", "government_department", "other"),
    ("{r}体育局", "government_department", "other"),
    ("{r}统计局", "government_department", "other"),
    ("{r}医疗保障局", "government_department", "other"),
    ("{r}地方金融监督管理局", "government_department", "other"),
    ("{r}信访局", "government_department", "other"),
    ("{r}大数据局", "government_department", "other"),
    ("{r}人大常委会办公厅", "npc_cppcc_court_procuratorate", "other"),
    ("{r}政协办公厅", "npc_cppcc_court_procuratorate", "other"),
    ("{r}总工会", "mass_organization", "other"),
    ("共青团{r}委员会", "mass_organization", "other"),
    ("{r}妇女联合会", "mass_organization", "other"),
    ("{r}科学技术协会", "mass_organization", "other"),
    ("{r}文学艺术界联合会", "mass_organization", "other"),
    ("{r}残疾人联合会", "mass_organization", "other"),
    ("{r}监狱管理局", "department_managed_organ", "legal"),
    ("{r}粮食和物资储备局", "department_managed_organ", "other"),
    ("{r}能源局", "department_managed_organ", "other"),
    ("{r}药品监督管理局", "department_managed_organ", "other"),
)

# Cities and counties share one list; ``{court}`` is 中级人民法院 in a city and
# 人民法院 in a county.
LOCAL_ORGANS: tuple[tuple[str, str, str], ...] = (
    ("{r}委办公室", "party_organ", "other"),
    ("{r}人民政府办公室", "government_department", "other"),
    ("{r}教育局", "government_department", "edu"),
    ("{r}卫生健康局", "government_department", "health"),
    ("{r}公安局", "government_department", "police"),
    ("{r}委组织部", "party_organ", "other"),
    ("{r}财政局", "government_department", "other"),
    ("{r}{court}", "npc_cppcc_court_procuratorate", "court"),
    ("{r}人民检察院", "npc_cppcc_court_procuratorate", "court"),
    ("{r}委宣传部", "party_organ", "other"),
    ("{r}委统战部", "party_organ", "other"),
    ("{r}委政法委员会", "party_organ", "other"),
    ("{r}委机构编制委员会办公室", "party_organ", "other"),
    ("{r}发展和改革局", "government_department", "other"),
    ("{r}科学技术局", "government_department", "other"),
    ("{r}工业和信息化局", "government_department", "other"),
    ("{r}民政局", "government_department", "other"),
    ("{r}司法局", "government_department", "legal"),
    ("{r}人力资源和社会保障局", "government_department", "other"),
    ("{r}自然资源和规划局", "government_department", "other"),
    ("{r}住房和城乡建设局", "government_department", "other"),
    ("{r}交通运输局", "government_department", "other"),
    ("{r}水务局", "government_department", "other"),
    ("{r}农业农村局", "government_department", "other"),
    ("{r}商务局", "government_department", "other"),
    ("{r}文化和旅游局", "government_department", "other"),
    ("{r}退役军人事务局", "government_department", "other"),
    ("{r}应急管理局", "government_department", "other"),
    ("{r}审计局", "government_department", "other"),
    ("{r}市场监督管理局", "government_department", "other"),
    ("{r}统计局", "government_department", "other"),
    ("{r}医疗保障局", "government_department", "other"),
    ("{r}综合行政执法局", "government_department", "other"),
    ("{r}行政审批服务局", "government_department", "other"),
    ("{r}人大常委会办公室", "npc_cppcc_court_procuratorate", "other"),
    ("{r}政协办公室", "npc_cppcc_court_procuratorate", "other"),
    ("{r}总工会", "mass_organization", "other"),
    ("共青团{r}委员会", "mass_organization", "other"),
    ("{r}妇女联合会", "mass_organization", "other"),
    ("{r}科学技术协会", "mass_organization", "other"),
    ("{r}委老干部局", "party_organ", "other"),
    ("{r}人民政府国有资产监督管理委员会", "government_department", "other"),
    ("{r}体育局", "government_department", "other"),
    ("{r}信访局", "government_department", "other"),
    ("{r}大数据局", "government_department", "other"),
    ("{r}残疾人联合会", "mass_organization", "other"),
    ("{r}文学艺术界联合会", "mass_organization", "other"),
    ("{r}委网络安全和信息化委员会办公室", "party_organ", "other"),
    ("{r}地方金融监督管理局", "government_department", "other"),
    ("{r}城市管理局", "government_department", "other"),
)

# Service units of an organ: its name without the trailing 局/厅/委员会 + one of these.
CENTRE_SUFFIXES = (
    "发展服务中心", "综合保障中心", "信息中心", "事务服务中心", "研究中心", "培训中心", "宣传教育中心",
    "档案管理中心", "技术推广站", "监测站", "质量检验中心", "发展研究院", "执法监察支队", "服务保障中心",
    "数据中心", "后勤服务中心", "评审中心", "考试中心", "调查队", "规划设计研究院", "科学研究院",
    "技术学校", "指挥中心", "检测中心", "交流中心", "应急保障中心", "登记中心", "管理处", "资料馆",
    "培训学院",
)
ORGAN_STEM_SUFFIXES = ("委员会", "办公厅", "办公室", "局", "厅", "部", "院", "会")

HOSPITAL_NAMES = ("人民医院", "中医医院", "妇幼保健院", "第二人民医院", "第三人民医院", "精神卫生中心",
                  "传染病医院", "口腔医院", "肿瘤医院", "儿童医院")
HEALTH_CENTRES = ("疾病预防控制中心", "急救中心", "中心血站", "卫生健康综合监督执法支队", "健康教育中心")
SUB_UNIT_SUFFIXES = ("东院区", "西院区", "南院区", "北院区", "第一分中心", "第二分中心", "第三分中心",
                     "分站", "实训基地", "附属中心")

ORGAN_DIVISIONS = (
    "办公室", "组织人事处", "政策法规处", "规划发展处", "财务审计处", "综合协调处", "督查考核处",
    "信息化处", "宣传教育处", "安全监管处", "行政审批处", "机关党委", "离退休干部处", "科技外事处",
)
ORGAN_POSTS = ("综合岗", "文秘岗", "业务岗", "法规岗", "财务岗", "信息岗", "督查岗")
