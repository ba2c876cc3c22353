"""Hypothesis tests of edakit.stats (t, Wilcoxon, ANOVA, Kruskal, Shapiro, variances, proportions, chi-square,
Fisher) checked against R.

Every reference number in `R` below was computed by R 4.2.2 (base `stats` and `datasets` only) with
tests/r/hypothesis_tests.R and pasted from its output tests/r/hypothesis_tests.out (12 significant digits).
Each key is the label that script prints, next to the R call that produced it (e.g. "t welch" is
`t.test(sleep$extra[group == 1], sleep$extra[group == 2])`). Quantities R has no built-in function for (Cohen's d
CI, Games-Howell, Dunn, Brown-Forsythe without `car`, Cramér's V, Cohen's h) are computed in that script from
their formulas with R's own distribution functions. Nothing here is copied from edakit's output.

Tolerances: rel 1e-9 unless a comment says why R itself is less precise (ptukey's absolute accuracy for tiny
tail probabilities, `uniroot(tol = 1e-4)` in wilcox.test's normal-approximation interval and in fisher.test).
"""

from __future__ import annotations

import functools
import json
import math

import numpy as np
import pandas as pd
import polars as pl
import pytest

from edakit.errors import EdakitError
from edakit.stats.contingency import (
    ChiSquareResult,
    FisherExactResult,
    PropTestResult,
    chi_square,
    fisher_exact,
    prop_test,
)
from edakit.stats.effect_sizes import magnitude
from edakit.stats.nonparametric import KruskalResult, MannWhitneyResult, ShapiroResult, kruskal, mann_whitney, shapiro
from edakit.stats.parametric import AnovaResult, TTestResult, VarianceTestResult, anova, ttest, variance_test

REL = 1e-9
INF = math.inf

# fmt: off
# --- R datasets (R 4.2.2 `datasets`, printed by tests/r/hypothesis_tests.R) ------------------------------------
SLEEP1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0, 2]         # sleep$extra[sleep$group == "1"]
SLEEP2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4]        # sleep$extra[sleep$group == "2"]
OJ = [15.2, 21.5, 17.6, 9.7, 14.5, 10, 8.2, 9.4, 16.5, 9.7, 19.7, 23.3, 23.6, 26.4, 20, 25.2, 25.8, 21.2, 14.5,
      27.3, 25.5, 26.4, 22.4, 24.5, 24.8, 30.9, 26.4, 27.3, 29.4, 23]  # ToothGrowth$len[supp == "OJ"]
VC = [4.2, 11.5, 7.3, 5.8, 6.4, 10, 11.2, 11.2, 5.2, 7, 16.5, 16.5, 15.2, 17.3, 22.5, 17.3, 13.6, 14.5, 18.8, 15.5,
      23.6, 18.5, 33.9, 25.5, 26.4, 32.5, 26.7, 21.5, 23.3, 29.5]  # ToothGrowth$len[supp == "VC"]
PLANT = [4.17, 5.58, 5.18, 6.11, 4.5, 4.61, 5.17, 4.53, 5.33, 5.14, 4.81, 4.17, 4.41, 3.59, 5.87, 3.83, 6.03, 4.89,
         4.32, 4.69, 6.31, 5.12, 5.54, 5.5, 5.37, 5.29, 4.92, 6.15, 5.8, 5.26]  # PlantGrowth$weight
INSECTS = [10, 7, 20, 14, 14, 12, 10, 23, 17, 20, 14, 13, 11, 17, 21, 11, 16, 14, 17, 17, 19, 21, 7, 13, 0, 1, 7, 2,
           3, 1, 2, 1, 3, 0, 1, 4, 3, 5, 12, 6, 4, 3, 5, 5, 5, 5, 2, 4, 3, 5, 3, 5, 3, 6, 1, 1, 3, 2, 6, 4, 11, 9, 15,
           22, 15, 16, 13, 10, 26, 26, 24, 13]  # InsectSprays$count, sprays A-F, 12 each
MPG = [21, 21, 22.8, 21.4, 18.7, 18.1, 14.3, 24.4, 22.8, 19.2, 17.8, 16.4, 17.3, 15.2, 10.4, 10.4, 14.7, 32.4, 30.4,
       33.9, 21.5, 15.5, 15.2, 13.3, 19.2, 27.3, 26, 30.4, 15.8, 19.7, 15, 21.4]  # mtcars$mpg
CYL = [6, 6, 4, 6, 8, 6, 8, 4, 4, 6, 6, 8, 8, 8, 8, 8, 8, 4, 4, 4, 4, 8, 8, 8, 8, 4, 4, 4, 8, 6, 8, 4]  # mtcars$cyl
TITANIC_SEX = [[1364, 367], [126, 344]]  # margin.table(Titanic, c(2, 4)): Male/Female x Survived No/Yes
TITANIC_CLASS = [[122, 203], [167, 118], [528, 178], [673, 212]]  # margin.table(Titanic, c(1, 4))
HAIR_EYE = [[68, 20, 15, 5], [119, 84, 54, 29], [26, 17, 14, 14], [7, 94, 10, 16]]  # margin.table(HairEyeColor, 1:2)
SMOKERS, PATIENTS = [83, 90, 129, 70], [86, 93, 136, 82]  # example(prop.test)

PLANT_GROUPS = {"ctrl": PLANT[:10], "trt1": PLANT[10:20], "trt2": PLANT[20:]}
INSECT_GROUPS = {s: INSECTS[12 * i: 12 * (i + 1)] for i, s in enumerate("ABCDEF")}
MTCARS_GROUPS = {str(c): [m for m, cc in zip(MPG, CYL, strict=True) if cc == c] for c in (4, 6, 8)}

# --- reference values: tests/r/hypothesis_tests.out, R 4.2.2 -----------------------------------------------------
R: dict[str, list[float]] = {
    "t one statistic": [1.32571014071],
    "t one df": [9],
    "t one p": [0.217597780068],
    "t one ci": [-0.529780413526, 2.02978041353],
    "t one estimate": [0.75],
    "t one mu0.5 greater statistic": [0.441903380238],
    "t one mu0.5 greater df": [9],
    "t one mu0.5 greater p": [0.334493311807],
    "t one mu0.5 greater ci": [-0.287055278729, INF],
    "t one mu0.5 greater estimate": [0.75],
    "t welch statistic": [-1.86081346749],
    "t welch df": [17.7764735162],
    "t welch p": [0.0793941401874],
    "t welch ci": [-3.36548323071, 0.205483230712],
    "t welch estimate": [0.75, 2.33],
    "t student statistic": [-1.86081346749],
    "t student df": [18],
    "t student p": [0.0791867142159],
    "t student ci": [-3.36387403229, 0.203874032288],
    "t student estimate": [0.75, 2.33],
    "t paired statistic": [-4.06212768338],
    "t paired df": [9],
    "t paired p": [0.00283289019738],
    "t paired ci": [-2.45988576328, -0.700114236723],
    "t paired estimate": [-1.58],
    "t welch tooth less 90 statistic": [1.9152682687],
    "t welch tooth less 90 df": [55.3094326826],
    "t welch tooth less 90 p": [0.96968274606],
    "t welch tooth less 90 ci": [-INF, 6.2056909666],
    "t welch tooth less 90 estimate": [20.6633333333, 16.9633333333],
    "t one d": [0.419226356184],
    "t one d ci": [-0.239733667331, 1.05727613533],
    "t one g": [0.383120440894],
    "t one g ci": [-0.219086579291, 0.966218113769],
    "t one mu0.5 greater d": [0.139742118728],
    "t one mu0.5 greater d ci": [-0.386934653993, INF],
    "t one mu0.5 greater g": [0.127706813631],
    "t one mu0.5 greater g ci": [-0.353609865048, INF],
    "t welch d": [-0.83218108135],
    "t welch d ci": [-1.7388168991, 0.0954503982114],
    "t welch g": [-0.796935239191],
    "t welch g ci": [-1.66517179067, 0.0914077328052],
    "t paired d": [-1.28455756259],
    "t paired d ci": [-2.11801651398, -0.41462775638],
    "t paired g": [-1.17392490351],
    "t paired g ci": [-1.93560211253, -0.378917895996],
    "t welch tooth less 90 d": [0.494520140545],
    "t welch tooth less 90 d ci": [-INF, 0.828471340234],
    "t welch tooth less 90 g": [0.488093149608],
    "t welch tooth less 90 g ci": [-INF, 0.817704179591],
    "w tooth W": [575.5],
    "w tooth p": [0.0644906721338],
    "w tooth ci": [-0.100009655323, 8.50001681012],
    "w tooth estimate": [4.00001402067],
    "w tooth nocorrect W": [575.5],
    "w tooth nocorrect p": [0.0634296763969],
    "w tooth greater W": [575.5],
    "w tooth greater p": [0.0322453360669],
    "w tooth greater ci": [0.699987719534, INF],
    "w tooth greater estimate": [4.00001402067],
    "w sleep W": [25.5],
    "w sleep p": [0.0693275754336],
    "w sleep ci": [-3.59994709104, 0.0999535598809],
    "w sleep estimate": [-1.34638849249],
    "w plant exact W": [25],
    "w plant exact p": [0.0630128385546],
    "w plant exact ci": [-1, 0.04],
    "w plant exact estimate": [-0.49],
    "w plant exact less 90 W": [25],
    "w plant exact less 90 p": [0.0315064192773],
    "w plant exact less 90 ci": [-INF, -0.15],
    "w plant exact less 90 estimate": [-0.49],
    "w tiny exact ci": [-5, -1],
    "w tiny exact achieved conf": [0.9],
    "w tiny exact p": [0.1],
    "w tooth HL median of differences": [4],
    "w tooth rank-biserial": [0.278888888889],
    "w tooth rank-biserial ci": [-0.00812187915863, 0.523446867376],
    "w plant exact rank-biserial": [-0.5],
    "w plant exact rank-biserial ci": [-0.788655074577, -0.0307387293058],
    "aov plant classic F": [4.84608786238],
    "aov plant classic df": [2, 27],
    "aov plant classic p": [0.0159099583256],
    "aov plant welch F": [5.18097240811],
    "aov plant welch df": [2, 17.1284186166],
    "aov plant welch p": [0.0173928214902],
    "aov plant aov F": [4.84608786238],
    "aov plant aov p": [0.0159099583256],
    "aov plant eta2": [0.264148296832],
    "aov plant omega2": [0.20407884599],
    "aov plant tukey trt1-ctrl": [-0.371, -1.06221605141, 0.32021605141, 0.390871144202],
    "aov plant tukey trt2-ctrl": [0.494, -0.19721605141, 1.18521605141, 0.1979959913],
    "aov plant tukey trt2-trt1": [0.865, 0.17378394859, 1.55621605141, 0.0120064239795],
    "aov plant games-howell trt1-ctrl": [-0.371, -1.1720875015, 0.430087501502, 0.474554922194],
    "aov plant games-howell trt2-ctrl": [0.494, -0.100554433333, 1.08855443333, 0.112889176854],
    "aov plant games-howell trt2-trt1": [0.865, 0.113512993317, 1.61648700668, 0.0237034547392],
    "aov insects classic F": [34.7022820555],
    "aov insects classic df": [5, 66],
    "aov insects classic p": [3.18258372615e-17],
    "aov insects welch F": [36.0654438936],
    "aov insects welch df": [5, 30.0425605088],
    "aov insects welch p": [7.99937945567e-12],
    "aov insects aov F": [34.7022820555],
    "aov insects aov p": [3.18258372615e-17],
    "aov insects eta2": [0.724439015563],
    "aov insects omega2": [0.700637903553],
    "aov insects tukey B-A": [0.833333333333, -3.86607518062, 5.53274184729, 0.995181031367],
    "aov insects tukey C-A": [-12.4166666667, -17.1160751806, -7.71725815271, 1.07505504499e-09],
    "aov insects tukey D-A": [-9.58333333333, -14.2827418473, -4.88392481938, 1.44201263041e-06],
    "aov insects tukey E-A": [-11, -15.699408514, -6.30059148604, 4.0862438655e-08],
    "aov insects tukey F-A": [2.16666666667, -2.53274184729, 6.86607518062, 0.754214727632],
    "aov insects tukey C-B": [-13.25, -17.949408514, -8.55059148604, 1.18458243215e-10],
    "aov insects tukey D-B": [-10.4166666667, -15.1160751806, -5.71725815271, 1.79391136612e-07],
    "aov insects tukey E-B": [-11.8333333333, -16.5327418473, -7.13392481938, 4.84229034647e-09],
    "aov insects tukey F-B": [1.33333333333, -3.36607518062, 6.03274184729, 0.960307500034],
    "aov insects tukey D-C": [2.83333333333, -1.86607518062, 7.53274184729, 0.49207074458],
    "aov insects tukey E-C": [1.41666666667, -3.28274184729, 6.11607518062, 0.948866909545],
    "aov insects tukey F-C": [14.5833333333, 9.88392481938, 19.2827418473, 0],
    "aov insects tukey E-D": [-1.41666666667, -6.11607518062, 3.28274184729, 0.948866909545],
    "aov insects tukey F-D": [11.75, 7.05059148604, 16.449408514, 5.99853067218e-09],
    "aov insects tukey F-E": [13.1666666667, 8.46725815271, 17.8660751806, 1.48821288626e-10],
    "aov insects games-howell B-A": [0.833333333333, -4.89569777728, 6.56236444395, 0.997248234145],
    "aov insects games-howell C-A": [-12.4166666667, -17.2263085213, -7.60702481201, 6.59219631227e-06],
    "aov insects games-howell D-A": [-9.58333333333, -14.5252863559, -4.64138031074, 0.000125590069222],
    "aov insects games-howell E-A": [-11, -15.7643075738, -6.23569242618, 3.20873977615e-05],
    "aov insects games-howell F-A": [2.16666666667, -4.89533969966, 9.228673033, 0.924747595815],
    "aov insects games-howell C-B": [-13.25, -17.6446678236, -8.85533217643, 6.65286811197e-07],
    "aov insects games-howell D-B": [-10.4166666667, -14.9651738174, -5.86815951592, 1.26300366697e-05],
    "aov insects games-howell E-B": [-11.8333333333, -16.174956138, -7.49171052865, 3.67542902158e-06],
    "aov insects games-howell F-B": [1.33333333333, -5.52557322386, 8.19223989053, 0.988786813256],
    "aov insects games-howell D-C": [2.83333333333, -0.0479402221742, 5.71460688884, 0.0556677695101],
    "aov insects games-howell E-C": [1.41666666667, -0.949385029057, 3.78271836239, 0.446612087801],
    "aov insects games-howell F-C": [14.5833333333, 8.35664838569, 20.810018281, 3.42093781769e-05],
    "aov insects games-howell E-D": [-1.41666666667, -4.18463254239, 1.35129920906, 0.600595253486],
    "aov insects games-howell F-D": [11.75, 5.43729979551, 18.0627002045, 0.000291414610901],
    "aov insects games-howell F-E": [13.1666666667, 6.96942123442, 19.3639120989, 0.000110432750492],
    "aov mtcars classic F": [39.6975152559],
    "aov mtcars classic df": [2, 29],
    "aov mtcars classic p": [4.9789191744e-09],
    "aov mtcars welch F": [31.6242364658],
    "aov mtcars welch df": [2, 18.0318456018],
    "aov mtcars welch p": [1.27080937124e-06],
    "aov mtcars aov F": [39.6975152559],
    "aov mtcars aov p": [4.9789191744e-09],
    "aov mtcars eta2": [0.732460059626],
    "aov mtcars omega2": [0.70748214201],
    "aov mtcars tukey 6-4": [-6.92077922078, -10.769349829, -3.07220861259, 0.000342372049701],
    "aov mtcars tukey 8-4": [-11.5636363636, -14.7707785371, -8.35649419015, 2.54398024868e-09],
    "aov mtcars tukey 8-6": [-4.64285714286, -8.32758296925, -0.958131316464, 0.0112286813531],
    "aov mtcars games-howell 6-4": [-6.92077922078, -10.7947633029, -3.04679513867, 0.00109602541283],
    "aov mtcars games-howell 8-4": [-11.5636363636, -15.5184359115, -7.60883681572, 4.66109461705e-06],
    "aov mtcars games-howell 8-6": [-4.64285714286, -6.87701266583, -2.40870161989, 0.000128650049473],
    "kw plant H": [7.98822874944],
    "kw plant df": [2],
    "kw plant p": [0.0184237557315],
    "kw plant epsilon2": [0.275456163774],
    "kw plant dunn trt1-ctrl": [-4.4, -1.11772545438, 0.263684267891, 0.263684267891],
    "kw plant dunn trt2-ctrl": [6.65, 1.68928960719, 0.0911639440485, 0.182327888097],
    "kw plant dunn trt2-trt1": [11.05, 2.80701506156, 0.00500029037026, 0.0150008711108],
    "kw insects H": [54.6913446224],
    "kw insects df": [5],
    "kw insects p": [1.51084443942e-10],
    "kw insects epsilon2": [0.770300628484],
    "kw insects dunn B-A": [2.66666666667, 0.312733845267, 0.754482879606, 1],
    "kw insects dunn C-A": [-40.7083333333, -4.77407760665, 1.80532760055e-06, 2.34692588072e-05],
    "kw insects dunn D-A": [-26.5833333333, -3.11756552001, 0.00182351409171, 0.012764598642],
    "kw insects dunn E-A": [-32.8333333333, -3.85053546985, 0.00011785985882, 0.0011785985882],
    "kw insects dunn F-A": [3.45833333333, 0.405576705581, 0.685053647564, 1],
    "kw insects dunn C-B": [-43.375, -5.08681145192, 3.64133516893e-07, 5.0978692365e-06],
    "kw insects dunn D-B": [-29.25, -3.43029936527, 0.000602915665105, 0.00482332532084],
    "kw insects dunn E-B": [-35.5, -4.16326931512, 3.13722966696e-05, 0.000345095263366],
    "kw insects dunn F-B": [0.791666666667, 0.0928428603137, 0.926028400433, 1],
    "kw insects dunn D-C": [14.125, 1.65651208665, 0.0976181594266, 0.585708956559],
    "kw insects dunn E-C": [7.875, 0.923542136804, 0.355724752195, 1],
    "kw insects dunn F-C": [44.1666666667, 5.17965431224, 2.22297458519e-07, 3.33446187778e-06],
    "kw insects dunn E-D": [-6.25, -0.732969949845, 0.463576757634, 1],
    "kw insects dunn F-D": [30.0416666667, 3.52314222559, 0.00042646244246, 0.00383816198214],
    "kw insects dunn F-E": [36.2916666667, 4.25611217543, 2.08012370749e-05, 0.000249614844898],
    "kw mtcars H": [25.7461556154],
    "kw mtcars df": [2],
    "kw mtcars p": [2.56621679535e-06],
    "kw mtcars epsilon2": [0.830521148882],
    "kw mtcars dunn 6-4": [-9.52597402597, -2.10162847383, 0.0355858335869, 0.0536873977915],
    "kw mtcars dunn 8-4": [-19.1331168831, -5.06539738088, 4.07549279627e-07, 1.22264783888e-06],
    "kw mtcars dunn 8-6": [-9.60714285714, -2.21378316226, 0.0268436988958, 0.0536873977915],
    "sw sleep1 W": [0.925806028937],
    "sw sleep1 p": [0.40792879643],
    "sw tooth W": [0.967428643854],
    "sw tooth p": [0.109100494689],
    "sw mtcars W": [0.947564726479],
    "sw mtcars p": [0.122881358539],
    "sw insects W": [0.921601280486],
    "sw insects p": [0.000252525920393],
    "bf plant F": [1.11918569487],
    "bf plant df": [2, 27],
    "bf plant p": [0.341226624125],
    "levene plant F": [1.23696295447],
    "levene plant df": [2, 27],
    "levene plant p": [0.306194922991],
    "bf insects F": [3.82135631323],
    "bf insects df": [5, 66],
    "bf insects p": [0.00422279113899],
    "bf mtcars F": [5.50706486198],
    "bf mtcars df": [2, 29],
    "bf mtcars p": [0.00939024710511],
    "prop titanic X2": [454.499845188],
    "prop titanic df": [1],
    "prop titanic p": [7.56546196494e-101],
    "prop titanic ci": [-0.565686574494, -0.474110861498],
    "prop titanic estimate": [0.212016175621, 0.731914893617],
    "prop titanic nocorrect X2": [456.87415626],
    "prop titanic nocorrect df": [1],
    "prop titanic nocorrect p": [2.30215117836e-101],
    "prop titanic nocorrect ci": [-0.564333894331, -0.475463541661],
    "prop titanic nocorrect estimate": [0.212016175621, 0.731914893617],
    "prop titanic greater X2": [454.499845188],
    "prop titanic greater df": [1],
    "prop titanic greater p": [1],
    "prop titanic greater ci": [-0.558542573678, 1],
    "prop titanic greater estimate": [0.212016175621, 0.731914893617],
    "prop small less X2": [8.45678195113e-31],
    "prop small less df": [1],
    "prop small less p": [0.5],
    "prop small less ci": [-1, 0.212113614812],
    "prop small less estimate": [0.5, 0.533333333333],
    "prop small X2": [8.45678195113e-31],
    "prop small df": [1],
    "prop small p": [1],
    "prop small ci": [-0.319415627942, 0.252748961275],
    "prop small estimate": [0.5, 0.533333333333],
    "prop small 90 X2": [5],
    "prop small 90 df": [1],
    "prop small 90 p": [0.0253473186775],
    "prop small 90 ci": [0.205759638168, 0.994240361832],
    "prop small 90 estimate": [0.8, 0.2],
    "prop smokers X2": [12.6004112971],
    "prop smokers df": [3],
    "prop smokers p": [0.00558547666163],
    "prop smokers estimate": [0.96511627907, 0.967741935484, 0.948529411765, 0.853658536585],
    "prop equal X2": [0],
    "prop equal df": [1],
    "prop equal p": [1],
    "prop equal ci": [-0.438261270288, 0.438261270288],
    "prop equal estimate": [0.5, 0.5],
    "prop titanic cohen h": [-1.09610062224],
    "prop smokers cramers v": [0.178154627438],
    "chisq haireye X2": [138.289841626],
    "chisq haireye df": [9],
    "chisq haireye p": [2.3252867871e-25],
    "chisq haireye expected": [
        40.1351351351, 39.222972973, 16.9662162162, 11.6756756757, 106.283783784, 103.868243243, 44.9290540541,
        30.9189189189, 26.3851351351, 25.785472973, 11.1537162162, 7.67567567568, 47.1959459459, 46.1233108108,
        19.9510135135, 13.7297297297
    ],
    "chisq haireye stdres": [
        6.13651969458, -4.25381552349, -0.575026061054, -2.28789601811, 2.16428237936, -3.39788278814,
        2.05021620636, -0.508263013032, -0.10082421608, -2.31105225863, 0.989511795225, 2.5765685959,
        -8.32824832885, 9.96755012115, -2.73797697796, 0.732023185728
    ],
    "chisq titanic class X2": [190.401103617],
    "chisq titanic class df": [3],
    "chisq titanic class p": [4.99992752987e-41],
    "chisq titanic class expected": [
        220.013630168, 104.986369832, 192.935029532, 92.064970468, 477.937301227, 228.062698773, 599.114039073,
        285.885960927
    ],
    "chisq titanic class stdres": [
        -12.5930377828, 12.5930377828, -3.52102163606, 3.52102163606, 4.88870059696, -4.88870059696, 6.86854068684,
        -6.86854068684
    ],
    "chisq titanic sex X2": [454.499845188],
    "chisq titanic sex df": [1],
    "chisq titanic sex p": [7.56546196494e-101],
    "chisq titanic sex expected": [1171.82644253, 559.173557474, 318.173557474, 151.826442526],
    "chisq titanic sex stdres": [21.3746147629, -21.3746147629, -21.3746147629, 21.3746147629],
    "chisq titanic sex nocorrect X2": [456.87415626],
    "chisq titanic sex nocorrect df": [1],
    "chisq titanic sex nocorrect p": [2.30215117836e-101],
    "chisq titanic sex nocorrect expected": [1171.82644253, 559.173557474, 318.173557474, 151.826442526],
    "chisq titanic sex nocorrect stdres": [21.3746147629, -21.3746147629, -21.3746147629, 21.3746147629],
    "chisq small X2": [0.5],
    "chisq small df": [1],
    "chisq small p": [0.479500122187],
    "chisq small expected": [2, 2, 2, 2],
    "chisq small stdres": [1.41421356237, -1.41421356237, -1.41421356237, 1.41421356237],
    "chisq haireye cramers v": [0.279044623343],
    "chisq titanic class cramers v": [0.294120103005],
    "chisq titanic sex cramers v": [0.455604783149],
    "fisher tea p": [0.485714285714],
    "fisher tea ci": [0.211732915306, 621.933750545],
    "fisher tea or": [6.40830886701],
    "fisher tea greater p": [0.242857142857],
    "fisher tea greater ci": [0.31356926411, INF],
    "fisher tea greater or": [6.40830886701],
    "fisher convictions less p": [0.000465180943363],
    "fisher convictions less ci": [0, 0.284960137936],
    "fisher convictions less or": [0.0469366088277],
    "fisher titanic sex 90 p": [2.69069374686e-96],
    "fisher titanic sex 90 ci": [8.27752672492, 12.438658431],
    "fisher titanic sex 90 or": [10.1319012866],
    "fisher zero cell p": [0.020979020979],
    "fisher zero cell ci": [0, 0.825771835191],
    "fisher zero cell or": [0],
    "fisher tea precise or": [6.4083196582],
    "fisher tea precise ci": [0.211735595447, 626.243530589],
    "fisher tea greater precise or": [6.4083196582],
    "fisher tea greater precise ci": [0.313573767505, INF],
    "fisher convictions less precise or": [0.0469366390497],
    "fisher convictions less precise ci": [0, 0.28495954562],
    "fisher titanic sex 90 precise or": [10.1331451705],
    "fisher titanic sex 90 precise ci": [8.27746826709, 12.4404544075],
    "fisher zero cell precise or": [0],
    "fisher zero cell precise ci": [0, 0.82575553952],
}
# fmt: on


def approx(values: list[float], rel: float = REL, abs_: float = 0.0):
    return pytest.approx(values[0] if len(values) == 1 else values, rel=rel, abs=abs_)


# ============================================================================================== t-tests

T_CASES = {
    # label in R output: (args, kwargs, R's method)
    "t one": ((SLEEP1,), {}, "One Sample t-test"),
    "t one mu0.5 greater": ((SLEEP1,), {"mu": 0.5, "alternative": "greater"}, "One Sample t-test"),
    "t welch": ((SLEEP1, SLEEP2), {}, "Welch Two Sample t-test"),
    "t student": ((SLEEP1, SLEEP2), {"equal_var": True}, "Two Sample t-test"),  # R prints " Two Sample t-test"
    "t paired": ((SLEEP1, SLEEP2), {"paired": True}, "Paired t-test"),
    "t welch tooth less 90": ((OJ, VC), {"alternative": "less", "conf_level": 0.9}, "Welch Two Sample t-test"),
}


@pytest.mark.parametrize("label", list(T_CASES))
def test_ttest_matches_r(label: str) -> None:
    args, kwargs, method = T_CASES[label]
    r = ttest(*args, **kwargs)
    assert isinstance(r, TTestResult)
    assert r.method == method
    assert r.statistic == approx(R[f"{label} statistic"])
    assert r.df == approx(R[f"{label} df"])
    assert r.p_value == approx(R[f"{label} p"])
    assert r.ci == approx(R[f"{label} ci"])
    est = R[f"{label} estimate"]
    assert r.estimate == pytest.approx(est[0] - est[1] if len(est) == 2 else est[0], rel=REL)


@pytest.mark.parametrize("label", ["t one", "t one mu0.5 greater", "t welch", "t paired", "t welch tooth less 90"])
def test_cohens_d_and_hedges_g_noncentral_t_ci(label: str) -> None:
    args, kwargs, _ = T_CASES[label]
    r = ttest(*args, **kwargs)
    assert r.effect_size.value == approx(R[f"{label} d"])
    assert r.effect_size.ci == approx(R[f"{label} d ci"], rel=1e-8)
    g = r.details["hedges_g"]
    assert g.value == approx(R[f"{label} g"])
    assert g.ci == approx(R[f"{label} g ci"], rel=1e-8)
    assert r.effect_size.convention.startswith("Cohen (1988)")


def test_ttest_student_equals_welch_d() -> None:
    # Cohen's d uses the pooled SD for Welch and Student alike (R reference "t welch d" for both)
    assert ttest(SLEEP1, SLEEP2, equal_var=True).effect_size.value == approx(R["t welch d"])


@pytest.mark.parametrize("convert", [list, np.array, pd.Series, pl.Series], ids=["list", "numpy", "pandas", "polars"])
def test_array_likes_give_the_same_answer(convert) -> None:
    r = ttest(convert(SLEEP1), convert(SLEEP2))
    assert r.statistic == approx(R["t welch statistic"])
    m = mann_whitney(convert(OJ), convert(VC))
    assert m.p_value == approx(R["w tooth p"])


def test_series_names_become_labels_and_missing_values_are_dropped() -> None:
    x = pd.Series([*SLEEP1, None], name="drug A")
    y = pl.Series("drug B", [*SLEEP2, None, None])
    r = ttest(x, y)
    assert r.statistic == approx(R["t welch statistic"])
    assert r.n == {"drug A": 10, "drug B": 10}
    assert any("1 missing value in drug A" in n for n in r.notes)
    assert "drug A" in r.explanation and "2 missing values in drug B" in r.explanation


def test_paired_drops_incomplete_pairs() -> None:
    r = ttest([*SLEEP1, 1.0, np.nan], [*SLEEP2, np.nan, 2.0], paired=True)
    assert r.statistic == approx(R["t paired statistic"])
    assert r.n == 10 and "2 pairs with a missing value removed" in r.notes[0]


def test_ttest_undefined_cases_are_notes_not_crashes() -> None:
    one = ttest([3.0])
    assert one.statistic is None and one.p_value is None and "at least 2" in one.notes[0]
    const = ttest([2.0, 2.0, 2.0])
    assert const.statistic is None and "standard deviation is 0" in const.notes[0]
    both = ttest([1.0, 1.0], [2.0, 2.0])
    assert both.statistic is None and both.estimate == -1.0
    tiny = ttest([1.0], [2.0, 3.0])
    assert tiny.statistic is None and "fewer than 2" in tiny.notes[0]
    for r in (one, const, both, tiny):
        json.dumps(r.to_dict(), allow_nan=False)
        assert "could not be computed" in r.explanation


def test_ttest_invalid_input_raises() -> None:
    with pytest.raises(EdakitError, match="same length"):
        ttest([1.0, 2.0], [1.0], paired=True)
    with pytest.raises(EdakitError, match="alternative"):
        ttest(SLEEP1, alternative="bigger")
    with pytest.raises(EdakitError, match="conf_level"):
        ttest(SLEEP1, conf_level=95)
    with pytest.raises(EdakitError, match="numeric"):
        ttest(["a", "b"])
    with pytest.raises(EdakitError, match="needs both"):
        ttest(SLEEP1, paired=True)


# ============================================================================================== Wilcoxon / Mann-Whitney

# R's normal-approximation interval comes from uniroot(tol = 1e-4) on a step function; edakit finds the step
# exactly, so R's limits are within ~1e-4 of ours (R: -0.100009655 vs the exact jump at -0.1).
HL_ABS = 2e-4


def test_mann_whitney_default_matches_wilcox_test_exact_false_correct_true() -> None:
    r = mann_whitney(OJ, VC)
    assert isinstance(r, MannWhitneyResult)
    assert r.method == "Wilcoxon rank sum test with continuity correction"
    assert r.statistic == approx(R["w tooth W"])
    assert r.p_value == approx(R["w tooth p"])
    assert r.ci == pytest.approx(R["w tooth ci"], abs=HL_ABS)
    # estimate: the Hodges-Lehmann median of differences, median(outer(oj, vc, "-")) in R
    assert r.estimate == approx(R["w tooth HL median of differences"])
    assert r.estimate == pytest.approx(R["w tooth estimate"][0], abs=HL_ABS)  # R's uniroot version


def test_mann_whitney_variants() -> None:
    r = mann_whitney(OJ, VC, correct=False)
    assert r.method == "Wilcoxon rank sum test" and r.p_value == approx(R["w tooth nocorrect p"])
    g = mann_whitney(OJ, VC, alternative="greater")
    assert g.p_value == approx(R["w tooth greater p"])
    assert g.ci[0] == pytest.approx(R["w tooth greater ci"][0], abs=HL_ABS) and g.ci[1] == INF
    s = mann_whitney(SLEEP1, SLEEP2)
    assert s.statistic == approx(R["w sleep W"]) and s.p_value == approx(R["w sleep p"])
    assert s.ci == pytest.approx(R["w sleep ci"], abs=HL_ABS)


def test_mann_whitney_exact_matches_r_exact() -> None:
    ctrl, trt2 = PLANT[:10], PLANT[20:]
    r = mann_whitney(ctrl, trt2, exact=True)
    assert r.method == "Wilcoxon rank sum exact test"
    assert r.statistic == approx(R["w plant exact W"])
    assert r.p_value == approx(R["w plant exact p"])
    assert r.ci == approx(R["w plant exact ci"])
    assert r.estimate == approx(R["w plant exact estimate"])
    less = mann_whitney(ctrl, trt2, exact=True, alternative="less", conf_level=0.9)
    assert less.p_value == approx(R["w plant exact less 90 p"])
    assert less.ci == approx(R["w plant exact less 90 ci"])


def test_mann_whitney_exact_unachievable_conf_level_like_r() -> None:
    r = mann_whitney([1.0, 2, 3], [4.0, 5, 6], exact=True)
    assert r.ci == approx(R["w tiny exact ci"]) and r.p_value == approx(R["w tiny exact p"])
    assert r.details["achieved_conf_level"] == approx(R["w tiny exact achieved conf"])
    assert "not achievable" in r.notes[0] and "90 %" in r.explanation


def test_mann_whitney_exact_with_ties_falls_back_like_r() -> None:
    r = mann_whitney(OJ, VC, exact=True)
    assert r.method == "Wilcoxon rank sum test with continuity correction"
    assert r.p_value == approx(R["w tooth p"])
    assert "tied values" in r.notes[0]


def test_rank_biserial() -> None:
    r = mann_whitney(OJ, VC)
    assert r.effect_size.name == "rank-biserial correlation"
    assert r.effect_size.value == approx(R["w tooth rank-biserial"])
    assert r.effect_size.ci == approx(R["w tooth rank-biserial ci"])
    e = mann_whitney(PLANT[:10], PLANT[20:], exact=True).effect_size
    assert e.value == approx(R["w plant exact rank-biserial"]) and e.ci == approx(R["w plant exact rank-biserial ci"])


def test_mann_whitney_undefined_cases() -> None:
    ties = mann_whitney([1.0, 1.0], [1.0, 1.0, 1.0])
    assert ties.p_value is None and "all tied" in ties.notes[0]
    empty = mann_whitney([np.nan], [1.0, 2.0])
    assert empty.p_value is None and "no values" in empty.notes[-1]
    assert "could not be computed" in ties.explanation


# ============================================================================================== ANOVA

ANOVA_CASES = {"aov plant": PLANT_GROUPS, "aov insects": INSECT_GROUPS, "aov mtcars": MTCARS_GROUPS}


@functools.cache
def cached_anova(label: str, welch: bool) -> AnovaResult:
    """Games-Howell needs scipy's studentized-range quantile per pair (~0.15 s each): compute each case once."""
    return anova(ANOVA_CASES[label], welch=welch)


# ptukey integrates numerically; for tail probabilities below ~1e-6 R's and scipy's values differ by up to ~2e-10
# absolute (e.g. Games-Howell C-B: R 6.65287e-07, scipy 6.65444e-07; R even prints 0 for Tukey F-C), so
# adjusted p-values are compared with rel 1e-6 or abs 1e-9, whichever is looser.
P_TUKEY = {"rel": 1e-6, "abs": 1e-9}


@pytest.mark.parametrize("label", list(ANOVA_CASES))
def test_classic_anova_and_tukey(label: str) -> None:
    r = cached_anova(label, False)
    assert isinstance(r, AnovaResult)
    assert r.method == "One-way analysis of means"
    assert r.statistic == approx(R[f"{label} classic F"])
    assert r.df == approx(R[f"{label} classic df"])
    assert r.p_value == approx(R[f"{label} classic p"])
    assert r.effect_size.value == approx(R[f"{label} eta2"])
    assert r.details["omega_squared"].value == approx(R[f"{label} omega2"])
    rows = r.details["posthoc"]
    assert len(rows) == len([k for k in R if k.startswith(f"{label} tukey ")])
    for row in rows:
        diff, lwr, upr, padj = R[f"{label} tukey {row['pair']}"]
        assert row["diff"] == pytest.approx(diff, rel=REL)
        assert row["ci"] == pytest.approx((lwr, upr), rel=1e-8)
        assert row["p_adj"] == pytest.approx(padj, **P_TUKEY)


@pytest.mark.parametrize(
    "label",
    # 6 groups = 15 Games-Howell pairs at ~0.15 s of scipy's studentized-range quantile each: run with -m slow
    ["aov plant", pytest.param("aov insects", marks=pytest.mark.slow), "aov mtcars"],
)
def test_welch_anova_and_games_howell(label: str) -> None:
    r = cached_anova(label, True)
    assert r.method == "One-way analysis of means (not assuming equal variances)"
    assert r.statistic == approx(R[f"{label} welch F"])
    assert r.df == approx(R[f"{label} welch df"])
    assert r.p_value == approx(R[f"{label} welch p"])
    assert r.details["posthoc_method"] == "Games-Howell"
    for row in r.details["posthoc"]:
        diff, lwr, upr, padj = R[f"{label} games-howell {row['pair']}"]
        assert row["diff"] == pytest.approx(diff, rel=REL)
        # R documents qtukey as "accurate to the 4th decimal place"; it agrees with scipy to ~1e-8 relative, so
        # the CI half-width q * SE is compared at 1e-6 (the limits near 0 lose relative precision by cancellation)
        assert row["ci"][0] + row["ci"][1] == pytest.approx(lwr + upr, rel=1e-6, abs=1e-7)
        assert row["ci"][1] - row["ci"][0] == pytest.approx(upr - lwr, rel=1e-6)
        assert row["p_adj"] == pytest.approx(padj, **P_TUKEY)


def test_anova_accepts_a_list_of_groups() -> None:
    r = anova(list(PLANT_GROUPS.values()))
    assert r.statistic == approx(R["aov plant classic F"])
    assert r.details["posthoc"][0]["pair"] == "group 2-group 1"
    quick = anova(INSECT_GROUPS, welch=True, posthoc=False)
    assert quick.statistic == approx(R["aov insects welch F"]) and quick.details["posthoc"] == []
    assert quick.df == approx(R["aov insects welch df"]) and quick.p_value == approx(R["aov insects welch p"])


def test_anova_invalid_and_undefined() -> None:
    with pytest.raises(EdakitError, match="at least 2 groups"):
        anova({"only": [1.0, 2.0, 3.0]})
    with pytest.raises(EdakitError, match="at least 2 groups"):
        anova({"a": [1.0, 2.0], "b": [np.nan]})
    singles = anova([[1.0], [2.0], [3.0]])
    assert singles.statistic is None and "single value" in singles.notes[0]
    flat = anova([[1.0, 1.0], [2.0, 2.0]])
    assert flat.statistic is None and "no within-group variation" in flat.notes[0]
    welch = anova({"a": [1.0, 2.0, 3.0], "b": [5.0]}, welch=True)
    assert welch.statistic is None and "Welch's ANOVA needs a variance in every group" in welch.notes[0]
    classic = anova({"a": [1.0, 2.0, 3.0], "b": [5.0]})  # classic ANOVA is fine with a single-value group
    # by hand: grand mean 2.75, SSB = 3 * 0.75² + 2.25² = 6.75 on 1 df, SSW = 2 on 2 df, F = 6.75 / 1 = 6.75
    assert classic.statistic == pytest.approx(6.75, rel=REL)
    assert classic.df == (1.0, 2.0)
    assert classic.details["posthoc"] == [] and "Tukey HSD was not computed" in classic.notes[0]


# ============================================================================================== Kruskal-Wallis

KW_CASES = {"kw plant": PLANT_GROUPS, "kw insects": INSECT_GROUPS, "kw mtcars": MTCARS_GROUPS}


@pytest.mark.parametrize("label", list(KW_CASES))
def test_kruskal_and_dunn_holm(label: str) -> None:
    r = kruskal(KW_CASES[label])
    assert isinstance(r, KruskalResult)
    assert r.method == "Kruskal-Wallis rank sum test"
    assert r.statistic == approx(R[f"{label} H"])
    assert r.df == approx(R[f"{label} df"])
    assert r.p_value == approx(R[f"{label} p"])
    assert r.effect_size.value == approx(R[f"{label} epsilon2"])
    for row in r.details["posthoc"]:
        diff, z, p, p_adj = R[f"{label} dunn {row['pair']}"]
        assert (row["diff"], row["z"], row["p"], row["p_adj"]) == pytest.approx((diff, z, p, p_adj), rel=REL)


def test_kruskal_all_ties() -> None:
    r = kruskal([[2.0, 2.0], [2.0, 2.0, 2.0]])
    assert r.statistic is None and "all tied" in r.notes[0]
    with pytest.raises(EdakitError):
        kruskal([[1.0, 2.0]])


def test_kruskal_ranks_once_and_agrees_with_scipy_and_statsmodels() -> None:
    """The pooled sample is ranked once for H, Dunn's tests and epsilon²'s interval: H and p are scipy's own
    (bit for bit, as they are its operations on the same ranks), the mean ranks, Dunn's z and Holm-adjusted p and
    epsilon²'s interval equal the formulas on scipy's `rankdata` of the raw values, with statsmodels'
    `multipletests` for Holm. Rounded values make many ties; unequal sizes."""
    from scipy import stats
    from statsmodels.stats.multitest import multipletests

    from edakit.stats.association import correlation_ratio_from_groups

    rng = np.random.default_rng(7)
    for k in (2, 3, 5):
        groups = {f"g{i}": np.round(rng.normal(0.3 * i, 1, 6 + 40 * i), 1) for i in range(k)}
        groups["g0"][0] = groups["g1"][0]  # a tie across groups
        r = kruskal(groups)
        ref = stats.kruskal(*groups.values())
        assert (r.statistic, r.p_value) == (ref.statistic, ref.pvalue)
        pooled = np.concatenate(list(groups.values()))
        ranks = np.split(stats.rankdata(pooled), np.cumsum([g.size for g in groups.values()])[:-1])
        mean_rank = {lab: rk.mean() for lab, rk in zip(groups, ranks, strict=True)}
        assert r.details["mean_ranks"] == pytest.approx(mean_rank, rel=1e-15)
        n = pooled.size
        _, t = np.unique(pooled, return_counts=True)
        s2 = n * (n + 1) / 12 - (t**3 - t).sum() / (12 * (n - 1))
        rows = r.details["posthoc"]
        for row in rows:
            b, a = row["groups"]
            z = (mean_rank[b] - mean_rank[a]) / math.sqrt(s2 * (1 / groups[a].size + 1 / groups[b].size))
            assert (row["z"], row["p"]) == pytest.approx((z, 2 * stats.norm.sf(abs(z))), rel=1e-12)
        holm = multipletests([x["p"] for x in rows], method="holm")[1]
        assert [row["p_adj"] for row in rows] == pytest.approx(list(holm), rel=1e-15)
        eta = correlation_ratio_from_groups(
            [x.size for x in ranks], [x.mean() for x in ranks], [x.var(ddof=1) if x.size > 1 else None for x in ranks]
        )
        assert eta.eta_squared_ci is not None and r.effect_size.ci == pytest.approx(eta.eta_squared_ci, rel=1e-12)


# ============================================================================================== Shapiro-Wilk


@pytest.mark.parametrize(
    ("label", "values"),
    [("sw sleep1", SLEEP1), ("sw tooth", OJ + VC), ("sw mtcars", MPG), ("sw insects", INSECTS)],
)
def test_shapiro_matches_r(label: str, values: list[float]) -> None:
    r = shapiro(values)
    assert isinstance(r, ShapiroResult)
    assert r.method == "Shapiro-Wilk normality test"
    assert r.statistic == pytest.approx(R[f"{label} W"][0], rel=1e-8)
    assert r.p_value == pytest.approx(R[f"{label} p"][0], rel=1e-7)


def test_shapiro_edge_cases() -> None:
    assert "at least 3" in shapiro([1.0, 2.0]).notes[0]
    assert "identical" in shapiro([4.0] * 10).notes[0]
    big = np.random.default_rng(1).normal(size=6000)
    r = shapiro(big)
    assert r.n == 6000 and r.details["subsampled"] and r.details["n_tested"] == 5000
    assert "random subsample of 5,000" in r.notes[0]
    assert shapiro(big).statistic == r.statistic  # seeded: reproducible


# ============================================================================================== variance tests


@pytest.mark.parametrize(
    ("label", "groups", "center"),
    [
        ("bf plant", PLANT_GROUPS, "median"),
        ("levene plant", PLANT_GROUPS, "mean"),
        ("bf insects", INSECT_GROUPS, "median"),
        ("bf mtcars", MTCARS_GROUPS, "median"),
    ],
)
def test_variance_test_matches_anova_on_absolute_deviations(label: str, groups, center: str) -> None:
    r = variance_test(groups, center=center)
    assert isinstance(r, VarianceTestResult)
    assert r.method == f"Levene's Test for Homogeneity of Variance (center = {center})"
    assert r.statistic == approx(R[f"{label} F"])
    assert r.df == approx(R[f"{label} df"])
    assert r.p_value == approx(R[f"{label} p"])


def test_variance_test_invalid_center() -> None:
    with pytest.raises(EdakitError, match="center"):
        variance_test(PLANT_GROUPS, center="trimmed")


# ============================================================================================== prop.test

MALE_FEMALE_SURVIVED, MALE_FEMALE_TOTAL = [367, 344], [1731, 470]
PROP_CASES = {
    "prop titanic": ((MALE_FEMALE_SURVIVED, MALE_FEMALE_TOTAL), {}),
    "prop titanic nocorrect": ((MALE_FEMALE_SURVIVED, MALE_FEMALE_TOTAL), {"correct": False}),
    "prop titanic greater": ((MALE_FEMALE_SURVIVED, MALE_FEMALE_TOTAL), {"alternative": "greater"}),
    "prop small less": (([15, 16], [30, 30]), {"alternative": "less"}),
    "prop small": (([15, 16], [30, 30]), {}),
    "prop small 90": (([8, 2], [10, 10]), {"conf_level": 0.9}),
    "prop equal": (([5, 5], [10, 10]), {}),
}


@pytest.mark.parametrize("label", list(PROP_CASES))
def test_prop_test_two_groups_matches_r(label: str) -> None:
    args, kwargs = PROP_CASES[label]
    r = prop_test(*args, **kwargs)
    assert isinstance(r, PropTestResult)
    # R computes X2 = 8.5e-31 for "prop small" (rounding noise around 0), hence the absolute tolerance
    assert r.statistic == approx(R[f"{label} X2"], abs_=1e-12)
    assert r.df == approx(R[f"{label} df"])
    assert r.p_value == approx(R[f"{label} p"])
    assert r.ci == approx(R[f"{label} ci"])
    p1, p2 = R[f"{label} estimate"]
    assert r.estimate == pytest.approx(p1 - p2, rel=REL)
    corrected = kwargs.get("correct", True) and label != "prop equal"
    assert (
        r.method
        == f"2-sample test for equality of proportions {'with' if corrected else 'without'} continuity correction"
    )


def test_prop_test_k_groups_and_effect_sizes() -> None:
    r = prop_test(SMOKERS, PATIENTS)
    assert r.method == "4-sample test for equality of proportions without continuity correction"
    assert r.statistic == approx(R["prop smokers X2"]) and r.df == 3.0 and r.p_value == approx(R["prop smokers p"])
    assert r.details["proportions"] == approx(R["prop smokers estimate"])
    assert r.estimate is None and r.ci is None
    assert r.effect_size.name == "Cramér's V" and r.effect_size.value == approx(R["prop smokers cramers v"])
    assert r.notes == []  # smallest expected count 5.16: R gives no "approximation may be incorrect" warning
    h = prop_test(MALE_FEMALE_SURVIVED, MALE_FEMALE_TOTAL).effect_size
    assert h.name == "Cohen's h" and h.value == approx(R["prop titanic cohen h"]) and h.magnitude == "large"


def test_prop_test_invalid_and_undefined() -> None:
    with pytest.raises(EdakitError, match="two or more"):
        prop_test([3], [10])
    with pytest.raises(EdakitError, match="between 0 and its total"):
        prop_test([3, 12], [10, 10])
    with pytest.raises(EdakitError, match="whole numbers"):
        prop_test([3.5, 2], [10, 10])
    with pytest.raises(EdakitError, match="same length"):
        prop_test([3, 2], [10])
    zero = prop_test([0, 0], [10, 12])
    assert zero.statistic is None and "no successes" in zero.notes[0]


# ============================================================================================== chisq.test

CHI_CASES = {
    "chisq haireye": (HAIR_EYE, True, "Pearson's Chi-squared test"),
    "chisq titanic class": (TITANIC_CLASS, True, "Pearson's Chi-squared test"),
    "chisq titanic sex": (TITANIC_SEX, True, "Pearson's Chi-squared test with Yates' continuity correction"),
    "chisq titanic sex nocorrect": (TITANIC_SEX, False, "Pearson's Chi-squared test"),
    "chisq small": ([[3, 1], [1, 3]], True, "Pearson's Chi-squared test with Yates' continuity correction"),
}


@pytest.mark.parametrize("label", list(CHI_CASES))
def test_chi_square_matches_r(label: str) -> None:
    table, correct, method = CHI_CASES[label]
    r = chi_square(table, correct=correct)
    assert isinstance(r, ChiSquareResult)
    assert r.method == method
    assert r.statistic == approx(R[f"{label} X2"])
    assert r.df == approx(R[f"{label} df"])
    assert r.p_value == approx(R[f"{label} p"])
    # R's matrices were printed row by row (t(...))
    assert np.ravel(r.details["expected"]).tolist() == approx(R[f"{label} expected"])
    assert np.ravel(r.details["stdres"]).tolist() == approx(R[f"{label} stdres"])


def test_chi_square_effect_size_labels_and_small_counts() -> None:
    for label, table in [
        ("chisq haireye", HAIR_EYE),
        ("chisq titanic class", TITANIC_CLASS),
        ("chisq titanic sex", TITANIC_SEX),
    ]:
        assert chi_square(table).effect_size.value == approx(R[f"{label} cramers v"])
    frame = pd.DataFrame(
        HAIR_EYE, index=["Black", "Brown", "Red", "Blond"], columns=["Brown", "Blue", "Hazel", "Green"]
    )
    r = chi_square(frame)
    assert r.details["rows"][3] == "Blond" and r.details["columns"][1] == "Blue"
    assert "(Blond, Blue): 94 observed" in r.explanation
    small = chi_square([[3, 1], [1, 3]])
    assert "4 of 4 expected counts are below 5" in small.notes[0] and "fisher_exact" in small.notes[0]


def test_chi_square_invalid_and_empty_rows() -> None:
    with pytest.raises(EdakitError, match="two-way table"):
        chi_square([1, 2, 3])
    with pytest.raises(EdakitError, match="at least a 2x2"):
        chi_square([[1, 2, 3]])
    with pytest.raises(EdakitError, match="non-negative"):
        chi_square([[1, -2], [3, 4]])
    r = chi_square([[10, 0, 20], [30, 0, 40]])  # an empty column: dropped (R returns NaN)
    assert r.df == 1.0 and "column 2" in r.notes[0]
    assert r.statistic == pytest.approx(chi_square([[10, 20], [30, 40]]).statistic, rel=REL)


# ============================================================================================== fisher.test

FISHER_CASES = {
    "fisher tea": ([[3, 1], [1, 3]], {}),
    "fisher tea greater": ([[3, 1], [1, 3]], {"alternative": "greater"}),
    "fisher convictions less": ([[2, 10], [15, 3]], {"alternative": "less"}),
    "fisher titanic sex 90": (TITANIC_SEX, {"conf_level": 0.9}),
    "fisher zero cell": ([[0, 5], [6, 2]], {}),
}


@pytest.mark.parametrize("label", list(FISHER_CASES))
def test_fisher_exact_matches_r(label: str) -> None:
    table, kwargs = FISHER_CASES[label]
    r = fisher_exact(table, **kwargs)
    assert isinstance(r, FisherExactResult)
    assert r.method == "Fisher's Exact Test for Count Data"
    assert r.p_value == approx(R[f"{label} p"])
    # fisher.test's own estimate and CI come from uniroot at its default tolerance; the "precise" references are
    # R's fisher.test algorithm run at tol = 1e-15 (see the R script). R's printed values agree to ~1 %.
    assert r.estimate == approx(R[f"{label} precise or"], rel=1e-7)
    assert r.ci == approx(R[f"{label} precise ci"], rel=1e-7)
    assert r.estimate == pytest.approx(R[f"{label} or"][0], rel=1e-3)
    assert r.ci == pytest.approx(R[f"{label} ci"], rel=1e-2)


def test_fisher_exact_invalid_and_degenerate() -> None:
    with pytest.raises(EdakitError, match="2x2"):
        fisher_exact([[1, 2, 3], [4, 5, 6]])
    with pytest.raises(EdakitError, match="whole numbers"):
        fisher_exact([[1.5, 2], [3, 4]])
    empty = fisher_exact([[0, 0], [3, 4]])
    assert empty.p_value is None and "empty" in empty.notes[0]
    assert "zero cell" in fisher_exact([[0, 5], [6, 2]]).notes[0]


# ============================================================================================== effect-size labels


def test_magnitude_labels() -> None:
    assert [magnitude(v, "d") for v in (0.1, -0.3, 0.6, 1.2)] == ["negligible", "small", "medium", "large"]
    assert [magnitude(v, "r") for v in (0.05, 0.2, -0.4, 0.7)] == ["negligible", "small", "medium", "large"]
    assert [magnitude(v, "eta2") for v in (0.005, 0.03, 0.1, 0.3)] == ["negligible", "small", "medium", "large"]
    assert magnitude(0.2, "cramers_v", df_star=4) == "medium"  # 0.1/2 = 0.05, 0.3/2 = 0.15, 0.5/2 = 0.25
    assert magnitude(None, "d") is None


# ============================================================================================== results as data


def test_every_result_serialises_to_strict_json() -> None:
    results = [
        ttest(SLEEP1, mu=0.5, alternative="greater"),  # infinite CI end
        mann_whitney(PLANT[:10], PLANT[20:], exact=True, alternative="less"),
        cached_anova("aov plant", True),
        kruskal(INSECT_GROUPS),
        shapiro(MPG),
        variance_test(PLANT_GROUPS),
        prop_test(SMOKERS, PATIENTS),
        chi_square(HAIR_EYE),
        fisher_exact([[2, 10], [15, 3]], alternative="less"),
    ]
    for r in results:
        d = r.to_dict()
        text = json.dumps(d, allow_nan=False)
        assert d["kind"] == type(r).__name__ and d["explanation"] == r.explanation and "NaN" not in text
        assert r.method in repr(r)


# ============================================================================================== explanations

BANNED = ("proves", "proof that the effect", "probability that the null hypothesis is true is")


def _check_common(text: str) -> None:
    assert "not the probability that the null hypothesis is true" in text
    for phrase in BANNED:
        assert phrase not in text


def test_explanation_significant_paired_t() -> None:
    text = ttest(SLEEP1, SLEEP2, paired=True).explanation
    _check_common(text)
    assert "10 differences x - y" in text
    assert "-1.58" in text and "-2.46" in text and "-0.7001" in text  # estimate and CI from the numbers
    assert "p = 0.003" in text and "below 0.05" in text
    assert "does not by itself say the effect is large" in text and "Statistical significance is not size" in text
    assert "Cohen's d_z (paired) = -1.28" in text and "large" in text
    assert "not normally distributed (p = 0.033)" in text and "only 10 values this matters" in text


def test_explanation_non_significant_welch_t() -> None:
    text = ttest(SLEEP1, SLEEP2).explanation
    _check_common(text)
    assert "p = 0.079" in text and "not evidence that there is no effect" in text
    assert "It includes 0." in text and "do not pin down even the direction" in text
    assert "Welch's version does not assume equal variances" in text
    assert "Statistical significance is not size" not in text


def test_explanation_tiny_sample() -> None:
    text = ttest([1.2, 0.4, 2.2, 1.9]).explanation
    assert "With only 4 values the estimate is imprecise" in text
    assert "little power" in text


def test_explanation_failed_assumption_anova() -> None:
    text = cached_anova("aov insects", False).explanation  # Brown-Forsythe p = 0.0042 (R "bf insects p")
    _check_common(text)
    assert "variances differ (p = 0.004)" in text and "Welch's ANOVA (welch=True)" in text
    assert "at least one mean differs, not which one" in text
    assert "Tukey HSD" in text and "C-A" in text
    welch = anova(INSECT_GROUPS, welch=True, posthoc=False).explanation
    assert "Welch's ANOVA, used here, allows for that" in welch and "Post-hoc" not in welch
    assert "Games-Howell" in cached_anova("aov plant", True).explanation


def test_explanation_rank_tests_and_normality() -> None:
    mw = mann_whitney(OJ, VC).explanation
    _check_common(mw)
    assert "W = 575.5" in mw and "p = 0.064" in mw and "63.9 %" in mw  # (r + 1) / 2 = 0.6394
    assert "difference in medians only if both groups have the same shape" in mw
    kw = kruskal(PLANT_GROUPS).explanation
    assert "H = 7.988" in kw and "trt2-trt1" in kw and "Dunn" in kw
    sw_bad = shapiro(INSECTS).explanation  # R "sw insects p" = 0.00025
    assert "hard to reconcile with a normal distribution" in sw_bad and "p < 0.001" in sw_bad
    sw_ok = shapiro(SLEEP1).explanation
    assert "not proof of normality" in sw_ok and "only 10 values" in sw_ok


def test_explanation_counts() -> None:
    chi = chi_square(TITANIC_CLASS).explanation
    _check_common(chi)
    assert "4x2 table of 2,201 counts" in chi and "not causation" in chi and "Cramér's V = 0.294" in chi
    fis = fisher_exact([[3, 1], [1, 3]]).explanation
    assert "6.41 times as high" in fis and "0.2117 to 626.2" in fis and "valid for small counts" in fis
    prop = prop_test(MALE_FEMALE_SURVIVED, MALE_FEMALE_TOTAL).explanation
    assert "367 of 1,731 (21.2 %)" in prop and "-52 percentage points" in prop and "Yates" in prop
    small = chi_square([[3, 1], [1, 3]]).explanation
    assert "Note: 4 of 4 expected counts are below 5" in small
