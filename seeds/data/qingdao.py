"""Figures and names for the Qingdao demo (SPEC §1, source document 000_9a23d01e72a9bc26).

The document's figures are fixed here: 市级党政机构限额 55 with 53 in use, 区市限额
37 with the 市内三区 at ≤ 35, 33 city-level and 184 district-level 限额外行政机构
cleaned up, "90余个" city units adjusted after the reform.  Everything else
(institution names below the city's real departments, quota sizes, persons) is
plausible invented demo data.  Region *names* are never typed here: they come from
python-stdnum's GB/T 2260 table (``app.core.regions``); district department names
are templates completed with that name.
"""
from __future__ import annotations

import datetime as dt

# ---------------------------------------------------------------------------
# The document's figures
# ---------------------------------------------------------------------------

CITY_INSTITUTION_CAP = 55  # 市级党政机构限额55个
CITY_INSTITUTIONS_IN_USE = 53  # 市级党政机构精简到53个
DISTRICT_INSTITUTION_CAP = 37  # 区市限额37个
INNER_DISTRICT_MAX = 35  # 市内三区党政机构不超过35个
CITY_REVOKED_OUT_OF_CAP = 33  # 清理市级限额外行政机构33个
DISTRICT_REVOKED_OUT_OF_CAP = 184  # 区市限额外行政机构184个
CITY_UNITS_ADJUSTED = 92  # 共对90余个市级党政机关和事业单位的机构编制事项进行了调整

#: Within-cap party-government institutions in use per district / county-level city
#: (≤ 35 for 市南区, 市北区, 李沧区; ≤ 37 elsewhere).
DISTRICT_INSTITUTIONS_IN_USE = {
    "370202": 34,  # 市南区
    "370203": 35,  # 市北区
    "370211": 37,  # 黄岛区
    "370212": 34,  # 崂山区
    "370213": 33,  # 李沧区
    "370214": 35,  # 城阳区
    "370215": 36,  # 即墨区
    "370281": 36,  # 胶州市
    "370283": 37,  # 平度市
    "370285": 35,  # 莱西市
}

REFORM_DATE = dt.date(2019, 1, 21)  # 市级机构改革: new bodies set up
DISTRICT_REFORM_DATE = dt.date(2019, 3, 28)

# ---------------------------------------------------------------------------
# City level: the 53 party-government institutions (党委工作机关 / 政府工作部门)
# key, name, short name, category, 行政编制, 机关工勤编制, 政法专项编制, 副职,
# formed in the 2019 reform (established_on = REFORM_DATE)
# ---------------------------------------------------------------------------

P, G = "party_organ", "government_department"

CITY_PARTY_GOV = (
    ("cw_office", "市委办公室", "市委办", P, 39, 5, 0, 4, False),
    ("cw_org", "市委组织部", "市委组织部", P, 37, 3, 0, 4, False),
    ("cw_prop", "市委宣传部", "市委宣传部", P, 27, 2, 0, 3, False),
    ("cw_uf", "市委统一战线工作部", "市委统战部", P, 24, 2, 0, 3, False),
    ("cw_pl", "市委政法委员会", "市委政法委", P, 20, 2, 0, 3, False),
    ("cw_bianban", "市委机构编制委员会办公室", "市委编办", P, 26, 2, 0, 3, False),
    ("cw_policy", "市委政策研究室", "市委政研室", P, 14, 1, 0, 2, False),
    ("cw_foreign", "市委外事工作委员会办公室", "市委外办", P, 17, 1, 0, 3, True),
    ("cw_cyber", "市委网络安全和信息化委员会办公室", "市委网信办", P, 15, 1, 0, 2, True),
    ("cw_confidential", "市委机要保密局", "市委机要保密局", P, 12, 2, 0, 2, False),
    ("cw_veteran", "市委老干部局", "市委老干部局", P, 12, 2, 0, 2, False),
    ("cw_organs", "市直机关工作委员会", "市直机关工委", P, 13, 1, 0, 2, False),
    ("cw_taiwan", "市委台湾工作办公室", "市委台办", P, 8, 1, 0, 2, False),
    ("cw_mil", "市委军民融合发展委员会办公室", "市委军民融合办", P, 10, 1, 0, 2, True),
    ("gov_office", "市人民政府办公厅", "市政府办公厅", G, 44, 6, 0, 4, False),
    ("gov_drc", "市发展和改革委员会", "市发展改革委", G, 48, 3, 0, 4, False),
    ("gov_edu", "市教育局", "市教育局", G, 32, 2, 0, 4, False),
    ("gov_sci", "市科学技术局", "市科技局", G, 24, 2, 0, 3, False),
    ("gov_mi", "市工业和信息化局", "市工业和信息化局", G, 27, 2, 0, 3, False),
    ("gov_police", "市公安局", "市公安局", G, 15, 4, 100, 4, False),
    ("gov_civil", "市民政局", "市民政局", G, 22, 2, 0, 3, False),
    ("gov_justice", "市司法局", "市司法局", G, 17, 2, 30, 3, False),
    ("gov_finance", "市财政局", "市财政局", G, 41, 3, 0, 4, False),
    ("gov_hrss", "市人力资源和社会保障局", "市人力资源社会保障局", G, 31, 2, 0, 4, False),
    ("gov_nrp", "市自然资源和规划局", "市自然资源规划局", G, 36, 2, 0, 4, True),
    ("gov_eco", "市生态环境局", "市生态环境局", G, 26, 2, 0, 3, True),
    ("gov_housing", "市住房和城乡建设局", "市住房城乡建设局", G, 29, 2, 0, 4, False),
    ("gov_urban", "市城市管理局", "市城市管理局", G, 22, 2, 0, 3, False),
    ("gov_transport", "市交通运输局", "市交通运输局", G, 24, 2, 0, 3, False),
    ("gov_water", "市水务管理局", "市水务管理局", G, 19, 2, 0, 3, True),
    ("gov_agri", "市农业农村局", "市农业农村局", G, 26, 2, 0, 3, True),
    ("gov_ocean", "市海洋发展局", "市海洋发展局", G, 19, 1, 0, 3, True),
    ("gov_commerce", "市商务局", "市商务局", G, 27, 2, 0, 3, False),
    ("gov_culture", "市文化和旅游局", "市文化旅游局", G, 24, 2, 0, 3, True),
    ("gov_health", "市卫生健康委员会", "市卫生健康委", G, 31, 2, 0, 4, True),
    ("gov_veterans", "市退役军人事务局", "市退役军人局", G, 15, 1, 0, 3, True),
    ("gov_emergency", "市应急管理局", "市应急局", G, 26, 2, 0, 3, True),
    ("gov_audit", "市审计局", "市审计局", G, 27, 2, 0, 3, False),
    ("gov_sasac", "市人民政府国有资产监督管理委员会", "市国资委", G, 20, 1, 0, 3, False),
    ("gov_market", "市市场监督管理局", "市市场监管局", G, 34, 2, 0, 4, True),
    ("gov_sport", "市体育局", "市体育局", G, 12, 1, 0, 2, False),
    ("gov_stats", "市统计局", "市统计局", G, 17, 1, 0, 3, False),
    ("gov_medins", "市医疗保障局", "市医保局", G, 14, 1, 0, 2, True),
    ("gov_bigdata", "市大数据发展管理局", "市大数据局", G, 14, 1, 0, 2, True),
    ("gov_finsup", "市地方金融监督管理局", "市金融监管局", G, 15, 1, 0, 3, True),
    ("gov_private", "市民营经济发展局", "市民营经济局", G, 10, 1, 0, 2, True),
    ("gov_approval", "市行政审批服务局", "市审批局", G, 22, 1, 0, 3, True),
    ("gov_forest", "市园林和林业局", "市园林林业局", G, 14, 1, 0, 2, True),
    ("gov_airdef", "市人民防空办公室", "市人防办", G, 12, 1, 0, 2, False),
    ("gov_research", "市人民政府研究室", "市政府研究室", G, 10, 1, 0, 2, False),
    ("gov_petition", "市信访局", "市信访局", G, 14, 2, 0, 2, False),
    ("gov_grain", "市粮食和物资储备局", "市粮食储备局", G, 10, 1, 0, 2, True),
    ("gov_ethnic", "市民族宗教事务局", "市民宗局", G, 8, 1, 0, 2, False),
)

# ---------------------------------------------------------------------------
# City level, not counted by the cap: 人大政协法检 and 群团 organs
# key, name, short name, category, 行政编制, 机关工勤编制, 政法专项编制, 副职
# ---------------------------------------------------------------------------

N, M = "npc_cppcc_court_procuratorate", "mass_organization"

CITY_OTHER_ORGANS = (
    ("npc", "市人大常委会办公厅", "市人大常委会办公厅", N, 34, 3, 0, 4),
    ("cppcc", "市政协办公厅", "市政协办公厅", N, 26, 2, 0, 3),
    ("court", "青岛市中级人民法院", "市中院", N, 8, 3, 45, 4),
    ("procur", "青岛市人民检察院", "市检察院", N, 6, 2, 32, 4),
    ("union", "青岛市总工会", "市总工会", M, 20, 2, 0, 3),
    ("youth", "共青团青岛市委员会", "团市委", M, 10, 1, 0, 2),
    ("women", "青岛市妇女联合会", "市妇联", M, 10, 1, 0, 2),
    ("sciassoc", "青岛市科学技术协会", "市科协", M, 12, 1, 0, 2),
    ("arts", "青岛市文学艺术界联合会", "市文联", M, 9, 1, 0, 2),
    ("overseas", "青岛市归国华侨联合会", "市侨联", M, 6, 0, 0, 1),
    ("disabled", "青岛市残疾人联合会", "市残联", M, 10, 1, 0, 2),
    ("redcross", "青岛市红十字会", "市红十字会", M, 6, 0, 0, 1),
    ("fic", "青岛市工商业联合会", "市工商联", M, 10, 1, 0, 2),
)

# Function zones: the dispatched body (派出机构) managing each zone.
# key, function-zone region code, name, short name, 行政编制, 机关工勤编制, 副职
FUNCTION_ZONE_BODIES = (
    ("fz_west", "370200-F01", "青岛西海岸新区管理委员会", "西海岸新区管委", 48, 3, 4),
    ("fz_hitech", "370200-F02", "青岛高新技术产业开发区管理委员会", "高新区管委", 32, 2, 3),
)

# ---------------------------------------------------------------------------
# City-level public institutions (事业单位) under their sponsors (举办单位)
# key, name, sponsor key, category, quota type, 核定编制, 副职, (standard, metric)
# ---------------------------------------------------------------------------

I1, I2, IB = "public_institution_1", "public_institution_2", "public_institution_business"
FULL, PART, SELF = "institution_quota_full", "institution_quota_partial", "institution_quota_self"

CITY_PUBLIC_INSTITUTIONS = (
    ("pi_party_history", "中共青岛市委党史研究院", "cw_office", I1, FULL, 10, 2, None),
    ("pi_party_edu", "青岛市党员教育中心", "cw_org", I1, FULL, 6, 1, None),
    ("pi_news", "青岛市互联网新闻信息中心", "cw_prop", I1, FULL, 7, 1, None),
    ("pi_egov", "青岛市机构编制电子政务中心", "cw_bianban", I1, FULL, 6, 1, None),
    ("pi_registry", "青岛市事业单位登记管理局", "cw_bianban", I1, FULL, 6, 1, None),
    ("pi_econ", "青岛市经济发展研究院", "gov_drc", I1, FULL, 12, 2, None),
    ("pi_price", "青岛市价格认定中心", "gov_drc", I1, FULL, 6, 1, None),
    ("pi_school_2", "青岛第二中学", "gov_edu", I1, FULL, 72, 3, ("school_senior_high", 900)),
    ("pi_school_58", "青岛第五十八中学", "gov_edu", I1, FULL, 76, 3, ("school_senior_high", 950)),
    ("pi_school_9", "青岛第九中学", "gov_edu", I1, FULL, 56, 2, ("school_senior_high", 700)),
    ("pi_school_jr", "青岛实验初级中学", "gov_edu", I1, FULL, 54, 2, ("school_junior_high", 720)),
    ("pi_school_pri", "青岛市实验小学", "gov_edu", I1, FULL, 46, 2, ("school_primary", 900)),
    ("pi_edu_research", "青岛市教育科学研究院", "gov_edu", I1, FULL, 22, 2, None),
    ("pi_exam", "青岛市教育招生考试院", "gov_edu", I1, FULL, 11, 1, None),
    ("pi_edu_av", "青岛市电化教育馆", "gov_edu", I1, FULL, 7, 1, None),
    ("pi_sci_info", "青岛市科学技术信息研究院", "gov_sci", I1, FULL, 8, 1, None),
    ("pi_sme", "青岛市中小企业公共服务中心", "gov_mi", I1, FULL, 7, 1, None),
    ("pi_police_support", "青岛市公安局警务保障服务中心", "gov_police", I1, FULL, 8, 1, None),
    ("pi_welfare", "青岛市社会福利院", "gov_civil", I2, FULL, 22, 2, None),
    ("pi_relief", "青岛市救助管理站", "gov_civil", I1, FULL, 7, 1, None),
    ("pi_budget_review", "青岛市财政预算评审中心", "gov_finance", I1, FULL, 8, 1, None),
    ("pi_employment", "青岛市公共就业和人才服务中心", "gov_hrss", I1, FULL, 17, 2, None),
    ("pi_social_ins", "青岛市社会保险事业中心", "gov_hrss", I1, FULL, 24, 2, None),
    ("pi_planning", "青岛市城市规划设计研究院", "gov_nrp", I2, PART, 29, 2, None),
    ("pi_survey", "青岛市勘察测绘研究院", "gov_nrp", IB, SELF, 22, 2, None),
    ("pi_env_monitor", "青岛市生态环境监测中心", "gov_eco", I1, FULL, 20, 2, None),
    ("pi_housing_fund", "青岛市住房公积金管理中心", "gov_housing", I1, FULL, 19, 2, None),
    ("pi_hydrology", "青岛市水文中心", "gov_water", I1, FULL, 10, 1, None),
    ("pi_agri_acad", "青岛市农业科学研究院", "gov_agri", I2, PART, 26, 2, None),
    ("pi_library", "青岛市图书馆", "gov_culture", I1, FULL, 23, 2, None),
    ("pi_museum", "青岛市博物馆", "gov_culture", I1, FULL, 19, 2, None),
    ("pi_opera", "青岛市京剧院", "gov_culture", I2, PART, 16, 1, None),
    ("pi_hospital_stomatology", "青岛市口腔医院", "gov_health", I2, PART, 105, 3, ("public_hospital", 90)),
    ("pi_cdc", "青岛市疾病预防控制中心", "gov_health", I1, FULL, 42, 3, None),
    ("pi_emergency_center", "青岛市急救中心", "gov_health", I1, FULL, 22, 2, None),
    ("pi_blood", "青岛市中心血站", "gov_health", I2, PART, 20, 2, None),
    ("pi_veterans_service", "青岛市退役军人服务中心", "gov_veterans", I1, FULL, 7, 1, None),
    ("pi_emergency_service", "青岛市应急管理综合服务中心", "gov_emergency", I1, FULL, 8, 1, None),
    ("pi_audit_service", "青岛市审计服务中心", "gov_audit", I1, FULL, 6, 1, None),
    ("pi_quality", "青岛市产品质量检验研究院", "gov_market", I2, PART, 25, 2, None),
    ("pi_metrology", "青岛市计量技术研究院", "gov_market", I2, PART, 20, 2, None),
    ("pi_special_equip", "青岛市特种设备检验研究院", "gov_market", I2, SELF, 23, 2, None),
    ("pi_survey_stats", "青岛市社会经济调查中心", "gov_stats", I1, FULL, 10, 1, None),
    ("pi_medins_center", "青岛市医疗保险事业中心", "gov_medins", I1, FULL, 16, 2, None),
    ("pi_bigdata_center", "青岛市大数据中心", "gov_bigdata", I1, FULL, 13, 2, None),
    ("pi_sport_school", "青岛市体育运动学校", "gov_sport", I1, FULL, 16, 2, None),
    ("pi_ocean_service", "青岛市海洋与渔业综合服务中心", "gov_ocean", I1, FULL, 10, 1, None),
    ("pi_highway", "青岛市公路事业发展中心", "gov_transport", I1, FULL, 14, 2, None),
    ("pi_gov_service", "青岛市政务服务中心", "gov_approval", I1, FULL, 11, 1, None),
    ("pi_state_assets", "青岛市国有资产运营服务中心", "gov_sasac", I1, FULL, 6, 1, None),
)

# ---------------------------------------------------------------------------
# Internal divisions (内设机构) and 三定 versions for a few departments.
# v1 = 2019 reform, v2 = a later revision (divisions added/renamed).
# ---------------------------------------------------------------------------

THREE_DETERMINATIONS = {
    "cw_bianban": {
        "doc_v1": "青办字〔2019〕12号",
        "approved_v1": dt.date(2019, 2, 26),
        "divisions_v1": ("办公室", "综合处", "党政机构编制处", "事业机构编制处", "机构编制监督检查处",
                         "机关事业单位登记管理处"),
        "divisions_v2": ("办公室", "综合处（体制改革处）", "党政机构编制处", "事业机构编制处",
                         "机构编制监督检查处", "机关事业单位登记管理处", "机构编制信息化处"),
        "functions": (
            "贯彻落实党中央、省委和市委关于机构编制工作的方针政策和决策部署；统一管理全市机构编制工作；"
            "承担市委机构编制委员会日常工作；负责机关事业单位统一社会信用代码赋码和事业单位登记管理。"
        ),
        "functions_v2_extra": "负责全市机构编制实名制管理和机构编制信息化建设。",
        "head": "主任",
    },
    "gov_edu": {
        "doc_v1": "青厅字〔2019〕31号",
        "approved_v1": dt.date(2019, 3, 8),
        "divisions_v1": ("办公室", "政策法规处", "发展规划处", "基础教育处", "职业教育与成人教育处",
                         "高等教育处", "教师工作处", "财务审计处", "体育卫生与艺术教育处"),
        "divisions_v2": ("办公室", "政策法规处", "发展规划处", "学前教育处", "基础教育处",
                         "职业教育与成人教育处", "高等教育处", "教师工作处", "财务审计处",
                         "体育卫生与艺术教育处"),
        "functions": (
            "贯彻执行国家和省教育工作方针政策；统筹全市各级各类教育发展；负责全市基础教育、职业教育工作的"
            "宏观指导和管理；统筹管理市属学校教职工编制使用和教师队伍建设。"
        ),
        "functions_v2_extra": "统筹推进全市学前教育普及普惠发展。",
        "head": "局长",
    },
    "gov_emergency": {
        "doc_v1": "青厅字〔2019〕27号",
        "approved_v1": dt.date(2019, 3, 1),
        "divisions_v1": ("办公室", "应急指挥中心", "风险监测和综合减灾处", "救援协调和预案管理处",
                         "火灾防治管理处", "防汛抗旱处", "安全生产基础处"),
        "divisions_v2": ("办公室", "应急指挥中心", "风险监测和综合减灾处", "救援协调和预案管理处",
                         "火灾防治管理处", "防汛抗旱处", "安全生产基础处", "危险化学品安全监督管理处"),
        "functions": (
            "负责全市应急管理工作，指导各区市、各部门应对安全生产类、自然灾害类等突发事件和综合防灾减灾救灾工作；"
            "负责安全生产综合监督管理和工矿商贸行业安全生产监督管理工作。"
        ),
        "functions_v2_extra": "负责危险化学品安全监督管理综合工作。",
        "head": "局长",
    },
    "gov_bigdata": {
        "doc_v1": "青厅字〔2019〕40号",
        "approved_v1": dt.date(2019, 3, 15),
        "divisions_v1": ("办公室", "规划建设处", "数据资源处", "应用推进处"),
        "divisions_v2": None,
        "functions": "负责全市大数据发展和电子政务建设管理；统筹推进政务信息资源整合共享和开放应用。",
        "functions_v2_extra": "",
        "head": "局长",
    },
    "gov_health": {
        "doc_v1": "青厅字〔2019〕29号",
        "approved_v1": dt.date(2019, 3, 5),
        "divisions_v1": ("办公室", "规划发展与信息化处", "体制改革处", "疾病预防控制处", "医政医管处",
                         "基层卫生健康处", "妇幼健康处", "人口监测与家庭发展处"),
        "divisions_v2": None,
        "functions": (
            "贯彻执行国民健康政策；统筹规划全市卫生健康资源配置；制定并组织落实疾病预防控制规划；"
            "组织深化医药卫生体制改革。"
        ),
        "functions_v2_extra": "",
        "head": "主任",
    },
}

# ---------------------------------------------------------------------------
# Districts and county-level cities: within-cap departments (templates completed
# with the GB/T 2260 name: "{region}委办公室" -> "市南区委办公室", "胶州市委办公室").
# Party organs first, then government departments; a district with N in use gets
# the first N.
# ---------------------------------------------------------------------------

DISTRICT_PARTY = (
    "{r}委办公室", "{r}委组织部", "{r}委宣传部", "{r}委统一战线工作部", "{r}委政法委员会",
    "{r}委机构编制委员会办公室", "{r}委网络安全和信息化委员会办公室", "{r}委老干部局",
    "{r}直属机关工作委员会", "{r}委政策研究室",
)
DISTRICT_GOV = (
    "{r}人民政府办公室", "{r}发展和改革局", "{r}教育和体育局", "{r}科学技术局", "{r}工业和信息化局",
    "{r}民政局", "{r}司法局", "{r}财政局", "{r}人力资源和社会保障局", "{r}住房和城乡建设局",
    "{r}城市管理局", "{r}交通运输局", "{r}水务局", "{r}农业农村局", "{r}商务局", "{r}文化和旅游局",
    "{r}卫生健康局", "{r}退役军人事务局", "{r}应急管理局", "{r}审计局", "{r}市场监督管理局",
    "{r}统计局", "{r}医疗保障局", "{r}行政审批服务局", "{r}大数据发展管理局", "{r}综合行政执法局",
    "{r}信访局", "{r}民营经济发展局", "{r}海洋发展局",
)

# ---------------------------------------------------------------------------
# 限额外行政机构 cleaned up (撤销) in the reform
# ---------------------------------------------------------------------------

C, D = "coordination_body", "department_managed_organ"

CITY_REVOKED = (
    ("市推进“一带一路”建设工作领导小组办公室", C),
    ("市新旧动能转换重大工程推进办公室", C),
    ("市重点项目建设推进办公室", C),
    ("市城市建设指挥部办公室", C),
    ("市地铁工程建设指挥部办公室", C),
    ("市节能减排工作办公室", C),
    ("市创建全国文明城市工作办公室", C),
    ("市食品安全委员会办公室", C),
    ("市防范和处置非法集资工作办公室", C),
    ("市对口支援和经济合作办公室", C),
    ("市老龄工作委员会办公室", C),
    ("市妇女儿童工作委员会办公室", C),
    ("市残疾人工作委员会办公室", C),
    ("市爱国卫生运动委员会办公室", C),
    ("市绿化委员会办公室", C),
    ("市安全生产委员会办公室", C),
    ("市防汛抗旱指挥部办公室", C),
    ("市森林防火指挥部办公室", C),
    ("市扶贫开发领导小组办公室", C),
    ("市农业综合开发办公室", D),
    ("市人民政府口岸办公室", D),
    ("市人民政府金融工作办公室", D),
    ("市人民政府侨务办公室", D),
    ("市人民政府法制办公室", D),
    ("市物价局", D),
    ("市粮食局", D),
    ("市港航管理局", D),
    ("市人民政府驻上海办事处", D),
    ("市人民政府驻深圳办事处", D),
    ("市建筑工程管理局", D),
    ("市城市管理行政执法局", D),
    ("市墙体材料革新办公室", D),
    ("市散装水泥办公室", D),
)

# District templates: 184 bodies spread over the ten districts (18 or 19 each).
DISTRICT_REVOKED_TEMPLATES = (
    ("{r}重点项目建设推进办公室", C),
    ("{r}旧城改造指挥部办公室", C),
    ("{r}节能减排工作办公室", C),
    ("{r}创建全国文明城市工作办公室", C),
    ("{r}食品安全委员会办公室", C),
    ("{r}防范和处置非法集资工作办公室", C),
    ("{r}老龄工作委员会办公室", C),
    ("{r}妇女儿童工作委员会办公室", C),
    ("{r}残疾人工作委员会办公室", C),
    ("{r}爱国卫生运动委员会办公室", C),
    ("{r}绿化委员会办公室", C),
    ("{r}安全生产委员会办公室", C),
    ("{r}防汛抗旱指挥部办公室", C),
    ("{r}扶贫开发领导小组办公室", C),
    ("{r}拆迁安置工作办公室", C),
    ("{r}服务业发展办公室", C),
    ("{r}农业综合开发办公室", D),
    ("{r}物价局", D),
    ("{r}粮食局", D),
    ("{r}人民政府法制办公室", D),
    ("{r}人民政府金融工作办公室", D),
    ("{r}墙体材料革新办公室", D),
    ("{r}散装水泥办公室", D),
    ("{r}经济合作促进局", D),
)

# ---------------------------------------------------------------------------
# Post-reform adjustments (reasons of ledger entries)
# ---------------------------------------------------------------------------

INITIAL_REASON = "机构改革核定"
ADJUST_UP = (
    "职责调整，增加编制",
    "承接新增职能，核增编制",
    "从编制周转池调剂使用",
    "加强重点领域工作力量，核增编制",
)
ADJUST_DOWN = (
    "职责划出，相应核减编制",
    "精简收回编制，纳入编制周转池",
    "撤并内设机构，核减编制",
)
TRANSFER_OUT = "职责划转至{to}，编制随职责划出"
TRANSFER_IN = "承接{frm}划转职责，编制随职责划入"

# ---------------------------------------------------------------------------
# Persons: names
# ---------------------------------------------------------------------------

# Common surnames, roughly by frequency in Shandong (more frequent first, repeated
# entries weight the draw).
SURNAMES = (
    "王王王王王张张张张李李李李刘刘刘刘孙孙孙杨杨陈陈赵赵徐徐于于高高马马郭宋姜周吴崔曲薛"
    "韩朱胡林何郑梁谢唐许冯邓曹彭曾肖田董袁潘蒋蔡程魏苏吕丁任姚卢沈钟崔纪邢隋毛逄臧"
)
GIVEN_M = (
    "伟", "强", "磊", "军", "勇", "杰", "涛", "斌", "超", "明", "刚", "平", "辉", "鹏", "华", "飞",
    "鑫", "波", "宁", "凯", "健", "峰", "建华", "建国", "志强", "海涛", "国庆", "晓东", "振华", "文博",
    "子豪", "浩然", "宇航", "俊杰", "家豪", "明轩", "立新", "永刚", "德胜", "世杰", "学军", "春雷",
)
GIVEN_F = (
    "芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "燕", "玲", "婷", "雪", "琳", "颖", "倩", "洁",
    "红梅", "晓红", "秀英", "桂英", "丽华", "雅琴", "海燕", "晓燕", "文静", "欣怡", "梦瑶", "佳琪",
    "思雨", "雨涵", "淑华", "玉兰", "春艳", "美玲", "晓雯", "慧敏",
)

#: ID-number region prefixes: the code where the ID was first issued.  Qingdao's
#: districts, with historical codes (四方区 370205, 即墨市 370282, 胶南市 370284)
#: that residents' IDs still carry; 即墨区 370215 (2017) is left out, as
#: everybody in the demo got an ID before 2017.
ID_REGION_WEIGHTS = (
    ("370202", 12), ("370203", 12), ("370211", 8), ("370212", 6), ("370213", 8), ("370214", 7),
    ("370281", 7), ("370283", 7), ("370285", 6), ("370205", 5), ("370282", 4), ("370284", 3),
)
