"""Indonesian personal and place names for the demo, grouped by naming tradition.

Civil servants of one regency carry the names of several traditions; the weights give a mix
in which Javanese and Sundanese names lead, as in most of Java-based regencies, while a province
is more mixed. Every choice is made with the caller's `random.Random`, never module state.
"""

from __future__ import annotations

import random
from dataclasses import dataclass


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


@dataclass(frozen=True)
class Tradition:
    key: str
    regency_weight: int
    province_weight: int
    male_given: tuple[str, ...]
    female_given: tuple[str, ...]
    male_family: tuple[str, ...]
    female_family: tuple[str, ...]


TRADITIONS = (
    Tradition(
        "jawa",
        40,
        22,
        _words(
            "Agus Budi Bambang Joko Slamet Sugeng Eko Dwi Tri Heru Hadi Wahyu Teguh Bayu Adi "
            "Arif Yudi Rudi Hari Dimas Galih Aji Anton Wawan Didik Bagus Yoga Ari Hendro "
            "Sigit Puji Tono Yanto Rahmat Danang Fajar Gilang Rizky Aditya Nugroho"
        ),
        _words(
            "Sri Endang Tuti Wulan Dewi Rina Yuni Ratna Siti Dyah Retno Ayu Indah Rini Nurul "
            "Fitri Ika Eka Novi Yuli Sari Tri Dwi Anik Umi Lina Desi Ning Titik Nanik "
            "Kartika Puspita Anisa Maya Dian Erna Wiwik Sulis"
        ),
        _words(
            "Santoso Wibowo Susanto Prasetyo Setiawan Nugroho Hidayat Kurniawan Saputra "
            "Wijaya Purnomo Haryanto Sulistyo Utomo Raharjo Pranoto Suryanto Widodo Gunawan "
            "Hartono Sasongko Yulianto Cahyono Pamungkas Nugraha Wicaksono Hermawan "
            "Setiadi Priyono Suharto Mulyono Darmawan Budiman Firmansyah Kusuma"
        ),
        _words(
            "Wahyuni Lestari Rahayu Handayani Susanti Purwanti Setyowati Wulandari Kurniasih "
            "Rahmawati Astuti Utami Permatasari Widyastuti Puspitasari Maharani Anggraini "
            "Safitri Pratiwi Nurhayati Hartini Suryani Kusumawati Yuliana Sulistyowati "
            "Mulyani Ningsih Rahmadani Kristanti Indrawati"
        ),
    ),
    Tradition(
        "sunda",
        22,
        12,
        _words(
            "Asep Dede Ujang Cecep Dadang Yayan Ade Iwan Aep Dani Rizal Deden Engkus Ridwan "
            "Yusuf Acep Hendra Jajang Wawan Ilham Ega Rudi Ayi Dodi Entis"
        ),
        _words(
            "Euis Neneng Iis Entin Yanti Rina Lilis Tati Nining Siti Dewi Rini Nurul Wiwin "
            "Cucu Imas Ai Teti Yeni Ela Dini Resa Anisa Fitri Elis"
        ),
        _words(
            "Saepudin Sopandi Suryana Hidayat Rusmana Permana Sunarya Kusnadi Nugraha "
            "Ramdani Mulyana Firmansyah Sobari Rohendi Supriatna Setiadi Kurnia Gumilar "
            "Hermawan Sutisna Wiguna Sumirat Ruhiyat Kosasih Suhendar"
        ),
        _words(
            "Komariah Rohaeni Nurhasanah Sumiati Kurniasih Mulyani Nurjanah Rosita Hasanah "
            "Suryani Hayati Sulastri Fauziah Maryani Rohayati Kusmiati Nurlaela Aisah "
            "Permatasari Rahmawati"
        ),
    ),
    Tradition(
        "melayu",
        12,
        14,
        _words(
            "Muhammad Ahmad Abdul Rizky Fajar Ilham Hafiz Reza Fikri Ikhsan Taufik Yusuf "
            "Hasan Syahrul Zulkifli Fauzan Irfan Arief Faisal Ridho Hamdan"
        ),
        _words(
            "Nur Siti Aisyah Fatimah Annisa Nabila Zahra Khadijah Aulia Salsabila Nurul "
            "Rahma Laila Sarah Mardiah Yusnita Hafsah Zulaikha"
        ),
        _words(
            "Hidayat Ramadhan Maulana Firdaus Akbar Syahputra Fauzi Habibi Pratama Rizaldi "
            "Hakim Rahman Ridwan Hamdani Sofyan Iskandar Nasrullah Munandar"
        ),
        _words(
            "Aini Hidayah Azizah Khairunnisa Hasanah Rahmah Amalia Maulida Fitriani "
            "Safitri Syahfitri Zahara Husna Ramadhani Wardah Nurjannah"
        ),
    ),
    Tradition(
        "batak",
        6,
        12,
        _words(
            "Rudi Jonathan Hotman Parlindungan Sahat Togar Bonar Poltak Daniel Samuel Martin "
            "Robert Fernando Benny Hendrik Marulitua Binsar Lamhot Tumpal Ferdinan"
        ),
        _words(
            "Maria Rosmawati Lasma Tiurma Sondang Ruth Debora Yohana Rotua Melati Lenny "
            "Martha Roslina Hotmaida Masniari Friska Juliana Romauli"
        ),
        _words(
            "Simanjuntak Hutapea Siregar Nasution Harahap Sitompul Sinaga Situmorang "
            "Panjaitan Manurung Simatupang Pardede Lubis Hasibuan Tampubolon Silalahi "
            "Sihombing Napitupulu Hutagalung Pasaribu Marpaung Sembiring Ginting Tarigan"
        ),
        (),
    ),
    Tradition(
        "minang",
        5,
        10,
        _words(
            "Rahmat Fadli Yusran Zulkifli Afrizal Syahrial Hendri Irwan Fauzan Andri Rizki "
            "Yulius Alfian Erizal Novrizal Dedi Jufri"
        ),
        _words(
            "Fitri Yulia Rahmi Desi Rosa Nurul Mega Rini Yessi Elvira Silvia Novia Refni "
            "Weni Yelfi Afrida"
        ),
        _words(
            "Putra Syahputra Rahman Yusuf Hamid Anwar Effendi Chaniago Piliang Tanjung Koto "
            "Sikumbang Malik Rasyid Zainal"
        ),
        _words(
            "Yanti Rahmawati Oktaviani Fitriani Marlina Yusnita Elfira Putri Yulianti Rosmaini "
            "Hayati Syafitri"
        ),
    ),
    Tradition(
        "bugis",
        4,
        10,
        _words(
            "Muhammad Syamsul Amiruddin Burhanuddin Rusdi Arifin Sulaiman Hasanuddin Irfan "
            "Zainal Syahrir Muhlis Risal Ashar Sudirman Akbar"
        ),
        _words(
            "Nurul Hasna Sitti Nurhaedah Hasnawati Ramlah Wahidah Darmawati Nurhidayah "
            "Asmawati Husnah Rosmiati Jumriani Hikmawati"
        ),
        _words(
            "Rahman Amir Syam Arsyad Basri Hamzah Latif Mappiasse Baharuddin Nur Saleh "
            "Rasyid Mattalitti Pawellangi"
        ),
        _words("Rahman Amir Syam Basri Nur Saleh Hamzah Latif Rasyid"),
    ),
    Tradition(
        "bali",
        3,
        6,
        _words(
            "Sudarta Suarjana Adnyana Widiana Arsana Mahendra Wirawan Sutama Astawa "
            "Darmawan Budiarta Sukadana Mertayasa Wiryawan"
        ),
        _words(
            "Ayu Lestari Sri Astuti Wahyuni Sukmawati Ariani Suwendri Puspitasari "
            "Darmayanti Widiastuti Candra Dewi Sukarini"
        ),
        _words("Wayan Putu Gede Made Kadek Nyoman Komang Ketut"),
        _words("Wayan Putu Made Kadek Nyoman Komang Ketut Luh"),
    ),
    Tradition(
        "timur",
        4,
        9,
        _words(
            "Jeffry Stevanus Frans Yohanes Alfons Ronald Hendrik Michael Rinaldo Yosef "
            "Petrus Paulus Marthen Oktavianus Johny Fredy Gerson"
        ),
        _words(
            "Grace Maria Theresia Yohana Natalia Christina Agustina Veronika Lusia Meiske "
            "Frederika Yuliana Novita Selvi Margaretha"
        ),
        _words(
            "Tumbelaka Lumowa Mandagi Rumengan Pangemanan Wenas Sondakh Lasut Pattiasina "
            "Tuhumury Latuconsina Pello Ndoen Fanggidae Benu Manafe Bria Kalangi Rompas"
        ),
        (),
    ),
    Tradition(
        "tionghoa",
        2,
        5,
        _words("Hendra Budi Andreas Rudy Kevin Steven William Hartono Felix Jimmy Yohanes"),
        _words("Linda Susan Lili Meliana Yenny Fransiska Monica Jessica Vivian Lydia"),
        _words(
            "Gunawan Wijaya Halim Tanoto Setiadi Kurniawan Hartanto Sutanto Salim Tjandra "
            "Lim Santoso Widjaja"
        ),
        (),
    ),
)

# Older Javanese civil servants often carry a single name.
JAVANESE_SINGLE_MALE = _words(
    "Sutrisno Suprapto Sumarno Suyatno Mulyono Sukirno Parman Sugiyanto Suparno Tukiman Wagiman "
    "Sarjono Sumadi Sutarno Kasno"
)
JAVANESE_SINGLE_FEMALE = _words(
    "Suparmi Sumarni Sumiyati Suwarni Tumini Sukarti Parsini Sulastri Sartini Wartini Ngatini"
)

# Names that commonly open a three-part name ("Sri Wahyu Lestari", "Muhammad Rizky Pratama").
COMPOUND_LEADS_MALE = _words("Muhammad Ahmad Eko Dwi Tri Adi Bagus Rizky Abdul")
COMPOUND_LEADS_FEMALE = _words("Sri Dwi Tri Eka Nur Siti Dewi Ayu Dyah Retno")


def pick_tradition(rng: random.Random, *, province: bool) -> Tradition:
    weights = [t.province_weight if province else t.regency_weight for t in TRADITIONS]
    return rng.choices(TRADITIONS, weights=weights)[0]


def person_name(rng: random.Random, *, sex: str, birth_year: int, province: bool) -> str:
    """A full name (without academic titles) fitting the sex and, loosely, the generation."""
    tradition = pick_tradition(rng, province=province)
    male = sex == "L"
    given = tradition.male_given if male else tradition.female_given
    family = tradition.male_family if male else (tradition.female_family or tradition.male_family)
    key = tradition.key
    if key == "jawa" and birth_year < 1976 and rng.random() < 0.25:
        return rng.choice(JAVANESE_SINGLE_MALE if male else JAVANESE_SINGLE_FEMALE)
    if key == "bali":
        order = rng.choice(family)
        prefix = "I" if male else "Ni"
        return f"{prefix} {order} {rng.choice(given)}"
    if key == "bugis" and rng.random() < 0.2:
        return f"Andi {rng.choice(given)} {rng.choice(family)}"
    first = rng.choice(given)
    if key in {"jawa", "sunda", "melayu"} and rng.random() < 0.2:
        lead = rng.choice(COMPOUND_LEADS_MALE if male else COMPOUND_LEADS_FEMALE)
        if lead != first:
            return f"{lead} {first} {rng.choice(family)}"
    return f"{first} {rng.choice(family)}"


# --- places ----------------------------------------------------------------------------------

PLACE_PREFIXES = _words(
    "Suka Karang Mekar Tanjung Sindang Marga Ci Pasir Jati Wana Sumber Banyu Kali Gunung Bojong "
    "Rawa Teluk Muara Padang Lubuk Kampung Sido Tegal Sri Bumi Talang Kuta Pulo Sungai Bukit"
)
PLACE_SUFFIXES = _words(
    "maju sari jaya rahayu mulya makmur asih wangi harja agung indah baru raya mukti laksana "
    "rejo mulyo luhur kencana tengah permai damai sentosa"
)
# Prefixes that stand as a separate word ("Sungai Raya"), the others are joined ("Sukamaju").
SPACED_PREFIXES = {
    "Tanjung",
    "Gunung",
    "Bojong",
    "Rawa",
    "Teluk",
    "Muara",
    "Padang",
    "Lubuk",
    "Kampung",
    "Talang",
    "Pulo",
    "Sungai",
    "Bukit",
    "Bumi",
    "Kali",
    "Sumber",
    "Tegal",
}


def place_names(rng: random.Random, count: int, *, taken: set[str] | None = None) -> list[str]:
    """`count` distinct invented place names such as 'Karangsari' or 'Tanjung Raya'."""
    taken = set(taken or ())
    names: list[str] = []
    while len(names) < count:
        prefix, suffix = rng.choice(PLACE_PREFIXES), rng.choice(PLACE_SUFFIXES)
        name = f"{prefix} {suffix.title()}" if prefix in SPACED_PREFIXES else prefix + suffix
        if name not in taken:
            taken.add(name)
            names.append(name)
    return names
