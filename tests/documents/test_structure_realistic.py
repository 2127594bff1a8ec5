"""Structure on invented documents that imitate the raw corpus line by line.

tests/fixtures/unseen/realistic_*.txt copy the layout and noise of the five
raw kinds (blank-line patterns, sentences cut by page and column breaks, OCR
spaces inside words, running heads, TOC with `/ author` lines, the editorial
board, section labels with pinyin, signed short items, series marks, photo
captions in clusters, converter pinyin) with other places, people and topics.
The expectations are the cut a human editor would make, written by hand from the
input: every article with its fields, every block with its type and text, and the
document metadata.
"""

import pytest
from unseen_fixtures import (
    UNSEEN,
    Art,
    C,
    H,
    P,
    assert_articles,
    assert_metadata,
    names,
    normalized,
    texts,
)

from zhclean.tasks.core.model import Line
from zhclean.tasks.pipeline.accounting import describe, unaccounted
from zhclean.tasks.pipeline.run import normalize_document
from zhclean.tasks.stages.join import paragraphs
from zhclean.tasks.stages.segment import tocmatch
from zhclean.tasks.text import bylines

FIXTURES = names("realistic_*.txt")
doc = normalized

ISSUE_DATE = "2023-08"  # 出刊 2023年8月 in the masthead: the date of every article

#: Per fixture: the articles, the document metadata, and metadata keys left out (wrong today).
EXPECTED: dict[str, tuple[list[Art], dict, tuple[str, ...]]] = {
    # Editorial, masthead, editorial board, TOC with `/ author` lines (one with a stray
    # `|`), running heads with page numbers, a sentence cut by a running head, OCR gaps
    # inside words and in a title (`变 了样`, fixed by its TOC printing).
    "realistic_periodical_1.txt": (
        [
            Art(
                "把群众的急难愁盼放在心上",
                section="卷首语",
                page=1,
                date=ISSUE_DATE,
                blocks=[
                    P("为民服务无小事。越是困难时刻，越要把群众的冷暖安危放在心上，把每一件小事办实办好。"),
                    P(
                        "今年以来，全市各级党组织聚焦群众反映强烈的突出问题，集中力量办成了一批民生实事，"
                        "赢得了群众的广泛赞誉。"
                    ),
                    P(
                        "“我为群众办实事”不是一阵风，而是一项长期任务。各级党员干部要俯下身子、沉到一线，"
                        "做群众的贴心人。"
                    ),
                ],
            ),
            Art(
                "攥指成拳 合力攻坚",
                subtitle="松原市坚持党建引领推动基层治理提质增效",
                section="工作综述",
                page=3,
                date=ISSUE_DATE,
                blocks=[
                    P(
                        "盛夏的查干湖畔，伴随着气温的起起伏伏，全市基层治理工作也进入了攻坚阶段。"
                        "在城市社区、乡镇村屯，一项项民生工程有序推进。"
                    ),
                    P(
                        "这些奔走在一线的党员干部，或许是社区书记，或许是驻村队员，他们用行动诠释着初心和使命。"
                    ),
                    H("一声号令，全域联动"),
                    P(
                        "市委第一时间印发《关于推进基层治理提质增效的实施意见》，明确了12项重点任务和责任分工，"
                        "各县（市、区）迅速跟进。"
                    ),
                    P(
                        "全面落实书记抓基层责任制，建立县级领导包乡镇、乡镇干部包村屯的工作机制，"
                        "做到责任到人、任务到岗。"
                    ),
                    H("堡垒凸显，党员冲锋"),
                    P("关键时刻，党员靠前。全市组建党员先锋队326支，在急难险重任务中冲在前、干在先。"),
                ],
            ),
            Art(
                "小网格撬动大治理",
                authors=["宁江区团结街道胜利社区党委"],
                section="基层实践",
                page=6,
                date=ISSUE_DATE,
                blocks=[
                    P(
                        "胜利社区位于宁江区老城区，辖区面积1.2平方公里，有常住人口9800余人，"
                        "老旧小区多，治理难度大。"
                    ),
                    H("一、划细网格，让服务更精准"),
                    P(
                        "社区党委将辖区划分为18个网格，每个网格配备一名网格长和若干名党员志愿者，"
                        "做到“人在格中走、事在格中办”。"
                    ),
                    H("二、建强队伍，让力量更集中"),
                    P("社区党委积极吸纳退休党员、在职党员参与网格服务，形成了一支60余人的志愿服务队伍。"),
                ],
            ),
            Art(
                "党建引领物业 让小区变了样",
                authors=["前郭县平凤乡党委"],
                section="基层实践",
                page=9,
                date=ISSUE_DATE,
                blocks=[
                    P(
                        "平凤乡党委针对乡镇所在地小区无物业、管理乱的问题，推动成立小区党支部和业主委员会，"
                        "引入物业企业规范管理，小区环境焕然一新。"
                    ),
                    P("居民们说：“现在楼道干净了，路灯亮了，住着舒心多了。”"),
                ],
            ),
            Art(
                "扎根乡村的“好医生”",
                subtitle="记乾安县卫生健康局孟晓光",
                section="一线风采",
                page=11,
                date=ISSUE_DATE,
                blocks=[
                    P("孟晓光同志是一名有着20年党龄的乡村医生，多年来扎根基层，守护着全乡群众的健康。"),
                    H("心系群众的贴心人"),
                    P("每天清晨，孟晓光都会背着药箱走村入户，为行动不便的老人上门诊疗。"),
                    H("技术过硬的带头人"),
                    P("他积极参加业务培训，把学到的新技术传授给村医，带动全乡医疗水平整体提升。"),
                ],
            ),
        ],
        {
            # `toc` is checked in its own test (one author is wrong today)
            "issue": {"text": "2023 年第 4 期", "number": 4, "year": 2023},
            "running_heads": ["建设5实践"],
            "page_marks": [{"line": 92, "page": 4}, {"line": 138, "page": 14}],
            "periodical": "建设与实践",
            "masthead": {
                "主办": "中共松原市委组织部",
                "编辑": "市委组织部调研科",
                "编辑部": ["《建设与实践》编辑部"],
                "地址": "松原市沿江路 118 号",
                "邮编": "138000",
                "电话": "0438-6123456",
                "信箱": "sjyjs@126.com",
                "出刊": "2023年8月",
                "印刷": "松原市华星彩色印刷有限公司",
                "说明": ["(内部刊物 免费赠阅)", "[本刊欢迎投稿]"],
                "其他": ["服务 发展 民生 实践"],
                "编委会": {
                    "编委会主任": ["周宏"],
                    "编委会副主任": ["韩立新", "赵春雷", "吴迪", "何静"],
                    "主编": ["赵春雷"],
                    "责任编辑": ["孙彤"],
                    "编辑": ["钱乐乐", "徐凯"],
                },
            },
            "title": "建设与实践 2023年第4期",
            "date": ISSUE_DATE,
        },
        ("toc",),
    ),
    # A traditional web page: headline with a `——` subtitle, dateline, original title,
    # four two-clause subheadings, editors in brackets, "recommended reading".
    "realistic_web_1.txt": (
        [
            Art(
                "汛期一线党旗红",
                subtitle="湘潭市河西街道枫林社区防汛救灾工作纪实",
                date="2022-07-12T16:38",
                origin="湘江网",
                blocks=[
                    P(
                        "今年入汛以来，湘潭市河西街道枫林社区党委闻汛而动，组织党员干部、志愿者全力投入"
                        "防汛救灾，筑起了守护群众生命财产安全的坚固防线。"
                    ),
                    H("提前部署，织密“预警网”"),
                    P(
                        "汛期到来前，社区党委就对辖区低洼地带逐一排查，建立重点人员台账，明确每一户的转移路线和责任人。"
                    ),
                    P(
                        "“水位还在涨，老人必须马上转移！”7月3日凌晨，社区网格员发现河水上涨，"
                        "立即通知党员突击队上门帮助群众撤离。"
                    ),
                    H("党员带头，当好“守夜人”"),
                    P("暴雨期间，社区20名党员轮流值守，每两小时巡查一次堤段，及时发现并处置险情3处。"),
                    P("退役军人党员李建国说：“我在部队学过抢险，这时候我不上谁上？”"),
                    H("温情服务，架起“连心桥”"),
                    P(
                        "安置点里，社区党委为转移群众准备了热饭热水和常用药品，还专门为老人和孩子安排了休息区。"
                    ),
                    P("“在这里吃得饱、睡得好，心里踏实。”转移群众王阿姨感慨地说。"),
                    H("灾后重建，打好“主动仗”"),
                    P(
                        "洪水退去后，社区党委迅速组织清淤消杀，协调帮助受损商户恢复营业，让群众生活尽快回到正轨。"
                    ),
                    P(
                        "在这场与洪水的较量中，枫林社区党委用实际行动诠释了“人民至上”的承诺，"
                        "赢得了群众的信任和点赞。"
                    ),
                ],
            )
        ],
        {
            "date": "2022-07-12T16:38",
            "source": "湘江网",
            "original_title": "汛期一线党旗红——湘潭市河西街道枫林社区防汛救灾工作纪实",
            "editors": ["陈晓丽", "黄志强"],
            "title": "汛期一线党旗红",
        },
        (),
    ),
    # A newspaper page: lead article with a `——` subtitle in the headline and `##`
    # subheadings, sentences cut by column breaks (one inside a book title), captions in a
    # cluster, a feature with its subtitle as `##`, a commentary, and three short items
    # (a bare lead credit, none, a bracketed one).
    "realistic_newspaper_1.txt": (
        [
            Art(
                "桦川县五百余名党员干部下沉受灾村屯",
                subtitle="筑起防汛救灾的坚固防线",
                authors=["孙晓东"],
                section="民生聚焦",
                blocks=[
                    P(
                        "“大娘，水退了，我们来帮您清淤，家里还缺什么尽管说。”一大早，桦川县水利局在职党员"
                        "刘长青就带着工具来到星火村，挨家挨户查看房屋受损情况。"
                    ),
                    P(
                        "连日来，这些下沉党员按照分工，尽快担任片长、户长，配合村两委做好转移安置、"
                        "物资发放和卫生防疫等工作。"
                    ),
                    P(
                        "自8月上旬强降雨发生以来，桦川县紧盯沿江村屯人员转移难、力量薄弱的实际，成立了26个"
                        "防汛救灾临时党支部，520余名机关党员干部进驻村屯，与群众同吃同住同劳动。"
                    ),
                    C("县农业农村局干部王春燕（右一）在新城村帮助村民晾晒受潮粮食。"),
                    C("县卫健局党员志愿者为安置点群众测量血压。资料片由桦川县委组织部提供"),
                    H("全县机关干部到包保村屯协助做好灾后重建"),
                    P(
                        "哪里有险情，党员干部就出现在哪里。洪水过境后，桦川县第一时间下发通知，"
                        "要求机关干部就近编入村屯抢险队伍。"
                    ),
                    P(
                        "桦川县将灾后重建工作与“双包双促”机制相融合，整合县直机关工作力量向基层倾斜，"
                        "做到人员、物资、技术同步下沉。"
                    ),
                    P(
                        "县委组织部及时下发《关于组建灾后重建督导小分队的通知》，督促各小分队每天上报进展情况，"
                        "确保问题及时得到解决。"
                    ),
                    H("下沉党员工作在单位服务在村屯缓解基层压力"),
                    P(
                        "“今天还有哪家需要帮忙搬东西没？”下沉以来，这是县财政局党员张立群每天早上问得最多的一句话。"
                    ),
                    P("张立群说：“村里年轻人大多在外打工，老人搬不动的，我们就多出把力。”"),
                ],
            ),
            Art(
                "“连心桥”把关怀送到群众心坎上",
                subtitle="记坚守在救灾一线的富锦市长安社区党员服务队",
                authors=["孙晓东"],
                section="民生聚焦",
                blocks=[
                    P(
                        "“孙书记又来给我们送米送油了，多亏了你们！”安置点里，74岁的赵大爷拉着社区党委书记孙丽华的手说。"
                    ),
                    P("在这次防汛救灾中，长安社区有一支“连心桥”党员服务队始终冲在最前面，成为群众的主心骨。"),
                    C("服务队队员周海燕（左）正在为受灾群众登记所需物资。资料片由富锦市委组织部提供"),
                    P(
                        "服务队成立于三年前，队员们平时负责政策宣讲、邻里调解和困难帮扶。汛情发生后，"
                        "他们连夜组织低洼地带居民转移，做到不落一户、不漏一人。队员们每天往返安置点与社区之间，"
                        "为群众送去饮用水和药品。"
                    ),
                ],
            ),
            Art(
                "让党旗在抗洪一线高高飘扬",
                authors=["秋实"],
                section="民生聚焦",
                blocks=[
                    H("【评论】"),
                    P("防汛救灾是对党员干部作风的一次检验，关键时刻站得出来、冲得上去，才能赢得群众信任。"),
                    P("越是困难时刻，越要把群众的安危冷暖放在心上，把每一项救灾措施落到实处。"),
                ],
            ),
            Art(
                "佳木斯前进区为受灾学校捐赠课桌椅",
                authors=["孙晓东"],
                section="简讯速递",
                blocks=[
                    P("近日，佳木斯市前进区组织机关党员为受灾学校捐赠课桌椅120套。"),
                    P("前进区各党支部还将持续跟进，帮助学校尽快恢复正常教学秩序。"),
                ],
            ),
            Art(
                "同江市开展灾后卫生防疫大扫除",
                section="简讯速递",
                blocks=[
                    P("同江市组织党员干部深入各村屯开展环境消杀，清理垃圾300余吨。"),
                    P("同江市卫健部门同步派出医疗队巡诊，及时发现和处置疫情隐患。"),
                ],
            ),
            Art(
                "抚远市党员突击队抢修乡村道路",
                authors=["何文静", "高远"],
                section="简讯速递",
                blocks=[
                    P("抚远市组建党员突击队，连续奋战十天抢修受损乡村道路12公里。"),
                    P("突击队员们说，道路早一天修通，群众就能早一天恢复生产。"),
                ],
            ),
        ],
        {
            "section_labels": [
                {"line": 3, "text": "民生聚焦", "latin": "MINSHENG"},
                {"line": 73, "text": "简讯速递", "latin": "JIANXUN"},
            ],
            "datelines": [
                {"title": "佳木斯前进区为受灾学校捐赠课桌椅", "text": "本报讯", "line": 77},
                {"title": "同江市开展灾后卫生防疫大扫除", "text": "本报讯", "line": 83},
                {"title": "抚远市党员突击队抢修乡村道路", "text": "本报讯", "line": 89},
            ],
            "title": "桦川县五百余名党员干部下沉受灾村屯",
        },
        (),
    ),
    # A series of four profiles; three arrowed captions and one unmarked one gathered
    # after the third profile, each going to the profile it shows; sentences cut by blank
    # lines; the last paragraph printed twice.
    "realistic_feature_1.txt": (
        [
            Art(
                "小小果园结硕果 致富路上党旗红",
                subtitle="记梨树镇果园村党支部",
                series="在乡村振兴一线发挥党组织引领作用",
                blocks=[
                    P(
                        "没有宽阔的平原，依然种出了满山的好果；没有现成的销路，也闯出了一片新天地。"
                        "果园村党支部带领群众走出了一条特色种植的致富路。"
                    ),
                    P(
                        "在产业发展中，果园村党支部把党员培养成致富能手，把致富能手发展成党员，"
                        "先后建成苹果、梨树示范园6个。"
                    ),
                    P(
                        "为了打造一支懂技术、会经营、善管理的人才队伍，村党支部从加强学习入手，"
                        "每月组织党员到农技站听课，请专家到田间地头现场指导。"
                    ),
                    P("目前，支部共有党员32名，其中致富带头人14名，带动周边农户280余户。"),
                    C("梨树镇果园村党员在示范园内为果树剪枝。"),
                ],
            ),
            Art(
                "让红色物业温暖千家万户",
                subtitle="记河口街道阳光社区党委",
                series="在乡村振兴一线发挥党组织引领作用",
                blocks=[
                    P("面对老旧小区管理难题，阳光社区党委充分发挥党建引领作用，探索建立“红色物业”服务模式。"),
                    P(
                        "坚持党建引领，建强“小区党支部”。社区把支部建在小区上，推选党员担任楼长，"
                        "做到每栋楼都有党员联系。"
                    ),
                    P(
                        "坚持服务为先，办好“民生小事”。社区党委对接物业企业，为居民更换路灯、修缮屋顶，"
                        "解决了困扰居民多年的难题。"
                    ),
                    C("阳光社区“红色物业”服务队为居民修缮屋顶。"),
                ],
            ),
            Art(
                "书香校园育新人 党建引领促成长",
                subtitle="记城关第二小学党支部",
                series="在乡村振兴一线发挥党组织引领作用",
                blocks=[
                    P("城关第二小学党支部把党建工作与教育教学深度融合，形成了“一支部一品牌”的工作格局。"),
                    P("党员教师主动承担课后服务，为留守儿童开设阅读课和兴趣小组，深受家长好评。"),
                    C("城关第二小学党员教师为学生上阅读课。"),
                ],
            ),
            Art(
                "医者仁心下基层 健康服务送到家",
                subtitle="记县人民医院党委",
                series="在乡村振兴一线发挥党组织引领作用",
                blocks=[
                    P("县人民医院党委下设支部9个，党员186人。近年来，医院党委坚持把优质医疗资源送到乡村。"),
                    P("组建流动医疗队，定期深入偏远乡镇开展义诊，累计服务群众3万余人次。"),
                    P("党员医生们说：“群众的健康就是我们最大的牵挂。”"),
                    C("县人民医院党员医生在乡镇卫生院开展义诊。"),
                ],
            ),
        ],
        {
            "series": [
                {
                    "title": "在乡村振兴一线发挥党组织引领作用",
                    "subtitle": "记我市乡村振兴先进党组织",
                    "line": 3,
                }
            ],
            "title": "在乡村振兴一线发挥党组织引领作用",
        },
        (),
    ),
    # Converter output: readings after every converted word, no headline (the opening
    # slogan is the title), captions alone and in pairs, two-clause subheadings, a diary
    # of short timed lines.
    "realistic_converted_1.txt": (
        [
            Art(
                "到田间去，到农户家去，到乡村振兴最需要的地方去",
                blocks=[
                    P(
                        "到田间去，到农户家去，到乡村振兴最需要的地方去……近年来，和龙市机关党员干部扎根乡村，"
                        "选派精兵强将驻村帮扶，与群众一起谋发展、促增收。"
                    ),
                    C("市农业农村局工作人员在大棚内指导农户种植"),
                    P(
                        "面对乡村振兴新任务，党员干部率先垂范，充分发挥先锋模范作用，在田间地头践行初心使命，"
                        "为产业发展注入“红色动能”。"
                    ),
                    H("一份任命书 扎根最需要的地方"),
                    P(
                        "在全面推进乡村振兴的关键时期，和龙市坚持党建引领，制定下发了《关于选派机关党员干部"
                        "驻村帮扶的实施方案》，明确驻村干部职责任务。"
                    ),
                    P(
                        "截至目前，已先后选派260余名市直机关党员干部充实到全市各个村屯，极大地增强了基层工作力量。"
                    ),
                    H("产业带头人 给群众鼓起钱袋子"),
                    C("朴成浩在木耳基地查看长势"),
                    C("金美善为村民讲解电商知识"),
                    P("朴成浩是市发改局的党员干部，他主动请缨到东城镇光东村担任第一书记。"),
                    P("上午8点，到木耳基地查看出菇情况。"),
                    P("下午2点，联系收购商洽谈价格。"),
                    P("晚上7点30分，召开村民小组会议。"),
                    P(
                        "在朴成浩的工作日志上，详细记录着木耳基地从建棚到销售的每一个环节。"
                        "两年来，光东村木耳年产量翻了一番。"
                    ),
                    P(
                        "金美善是市商务局的年轻党员，她在村里开办电商培训班，手把手教村民直播带货，"
                        "帮助村民把山货卖到全国各地。"
                    ),
                    C("村民李春花在合作社分拣木耳"),
                    P(
                        "“你能帮我看看这批货的价格合不合适吗？”晚上九点多，村民老崔给朴成浩打来电话。"
                        "朴成浩二话没说，连夜帮他联系了三家收购商。"
                    ),
                    P(
                        "在得知村里缺少冷库的情况后，朴成浩又主动协调项目资金，建起了一座能储存200吨山货的冷库。"
                    ),
                    P("金美善说：“把村民的事当成自己的事，就没有办不成的事。”"),
                    P("力量下沉、服务下沉、情怀下沉。哪里群众有需求，驻村干部的脚步就走向哪里。"),
                    H("考核机制同步 确保沉下去干出实效"),
                    P("驻村干部要真抓实干，严禁“挂名”“走读”。"),
                    P(
                        "和龙市建立驻村干部考核评价制度，定期到村督导检查，把考核结果作为干部选拔任用的重要依据。"
                    ),
                    P("乡村不振兴，党员不收兵！"),
                ],
            )
        ],
        {"title": "到田间去，到农户家去，到乡村振兴最需要的地方去"},
        (),
    ),
}


def test_one_realistic_document_of_each_kind() -> None:
    assert (
        sorted(EXPECTED)
        == FIXTURES
        == [
            "realistic_converted_1.txt",
            "realistic_feature_1.txt",
            "realistic_newspaper_1.txt",
            "realistic_periodical_1.txt",
            "realistic_web_1.txt",
        ]
    )


@pytest.mark.parametrize("name", FIXTURES)
def test_articles_are_cut_as_an_editor_would(name: str) -> None:
    articles, _, _ = EXPECTED[name]
    assert_articles(doc(name), articles)


@pytest.mark.parametrize("name", FIXTURES)
def test_document_metadata(name: str) -> None:
    _, metadata, left_out = EXPECTED[name]
    assert_metadata(doc(name), metadata, left_out)


def test_periodical_table_of_contents() -> None:
    """The TOC as printed (the OCR gap `让小区 变了样` too); the `/ …` author of the last
    entry, the subject of a profile, is left out (wrong today)."""
    toc = doc("realistic_periodical_1.txt").metadata["toc"]
    assert [(e["page"], e["title"], e["section"], e["line"]) for e in toc] == [
        (1, "把群众的急难愁盼放在心上", "卷首语", 43),
        (3, "攥指成拳 合力攻坚", "工作综述", 47),
        (6, "小网格撬动大治理", "基层实践", 51),
        (9, "党建引领物业 让小区 变了样", "基层实践", 55),
        (11, "扎根乡村的“好医生”", "一线风采", 62),
    ]
    assert [e["author"] for e in toc[:4]] == [None, None, "宁江区团结街道胜利社区党委", "前郭县平凤乡党委"]


@pytest.mark.parametrize("name", FIXTURES)
def test_every_cjk_character_is_accounted_for(name: str) -> None:
    missing = unaccounted((UNSEEN / name).read_text(encoding="utf-8"), doc(name))
    assert not missing, describe(missing)


def test_the_printed_twice_paragraph_is_removed_and_recorded() -> None:
    removed = [(r.line, r.reason, r.text) for r in doc("realistic_feature_1.txt").removed]
    assert removed == [(65, "repair.ocr_duplicate_line", "党员医生们说:“群众的健康就是我们最大的牵挂。”")]


def test_periodical_running_heads_and_toc_heading_are_recorded() -> None:
    removed = sorted((r.line, r.reason, r.text) for r in doc("realistic_periodical_1.txt").removed)
    assert removed == [
        (9, "furniture.running_head", "建设5实践"),
        (39, "furniture.toc", "目 录"),
        (92, "furniture.running_head", "4 建设5实践 2023.4"),
        (138, "furniture.running_head", "14 建设5实践 2023.4"),
    ]


# -- the unbracketed news-lead credit ------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "bracketed"),
    [
        (
            "本报讯 记者 孙晓东 今年以来，全县新建桥梁8座。",
            "本报讯（记者 孙晓东）今年以来，全县新建桥梁8座。",
        ),
        ("本报讯  记者 何文静 通讯员 高远 王一 近日，", "本报讯（记者 何文静 通讯员 高远 王一）近日，"),
        ("本报南宁电 记者 韦小兰 连日来，", "本报南宁电（记者 韦小兰）连日来，"),
    ],
)
def test_bare_lead_credit_is_bracketed(raw: str, bracketed: str) -> None:
    candidates, edits, _ = paragraphs.prepare([Line(raw, 7)])
    assert candidates[0].text == bracketed
    assert [(e.kind, e.line) for e in edits] == [(paragraphs.RULE_BARE_LEAD, 7)]


@pytest.mark.parametrize(
    "raw",
    [
        "本报讯 日前，新城区完成道路改造。",
        "本报讯 记者从市教育局获悉，今年秋季新增学位三千个。",
        "本报讯（记者 孙晓东）今年以来，",
        "记者 孙晓东 今年以来，",
        "本报讯 记者 孙晓东",
    ],
)
def test_other_leads_are_left_alone(raw: str) -> None:
    assert bylines.bare_lead_credit(raw) is None


def test_bare_lead_credit_becomes_the_authors_in_the_flow() -> None:
    text = "## 河西区新建社区食堂\n\n本报讯 记者 孙晓东 通讯员 李梅 近日，河西区新建社区食堂5家。\n"
    (a,) = normalize_document(text.encode(), "lead.txt").articles
    assert a.authors == ["孙晓东", "李梅"]
    assert texts(a, "paragraph") == ["近日，河西区新建社区食堂5家。"]
    assert not unaccounted(text, normalize_document(text.encode(), "lead.txt"))


# -- a title's OCR gap told by its TOC printing ---------------------------------------


@pytest.mark.parametrize(
    ("title", "toc", "fixed"),
    [
        ("扶贫路上 不落一人", "扶贫路上 不落一人", None),
        ("扶贫路上 不落 一人", "扶贫路上 不落一人", "扶贫路上 不落一人"),
        ("扶贫路上不落 一人", "扶贫 路上不落一人", "扶贫路上不落一人"),
        ("五一 假期 见闻", "五一假期见闻记", None),  # other letters: not the same title
        ("2023 年 工作回顾", "2023年工作回顾", "2023 年工作回顾"),  # only gaps between CJK count
    ],
)
def test_title_keeps_only_spaces_its_toc_entry_shares(title: str, toc: str, fixed: str | None) -> None:
    assert tocmatch.shared_spacing(title, toc) == fixed


def test_toc_spacing_is_logged_in_the_flow() -> None:
    edits = [e for e in doc("realistic_periodical_1.txt").edits if e.kind == "title.toc_spacing"]
    assert [(e.before, e.after) for e in edits] == [
        ("党建引领物业 让小区变 了样", "党建引领物业 让小区变了样")
    ]
