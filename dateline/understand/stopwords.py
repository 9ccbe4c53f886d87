"""English function words that carry no topic. Short on purpose: a few hundred common words."""

STOPWORDS = frozenset(
    """
a about above after again against all almost also although always am among an and another any
anyone anything are around as at away back be became because become been before being below
between both but by can cannot could did do does doing done down during each either else enough
even ever every few first for from further get gets getting go goes going got had has have having
he her here hers herself him himself his how however i if in into is it its itself just last
later least less like made make makes many may me might more most much must my myself near
never new next no nor not now of off often on once one only onto or other others our ours
ourselves out over own per perhaps put rather really said same say says see seen several shall
she should since so some still such than that the their theirs them themselves then there these
they this those though through thus to today told too toward towards two under until up upon us
use used very via was we well were what when where whether which while who whom whose why will
with within without would yes yet you your yours yourself yourselves
monday tuesday wednesday thursday friday saturday sunday week weeks year years day days time
according including people percent million billion news report reported reports
reuters afp associated press
""".split()
)
