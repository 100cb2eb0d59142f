#!/usr/bin/env python3
"""Writes the demo catalogue: assets/catalogue/listings.csv and assets/catalogue/local_authorities.csv, the
folder that `waymarkctl pack build` turns into assets/packs/demo.pack (see scripts/build_demo_pack.sh).

What is real and what is made up:
- Local authorities: the project's own table (assets/la/local_authorities.csv, from scripts/import_la.py).
- Apprenticeships: real standard titles and levels (and typical duration) from
  ../shared/data/apprenticeship_standards_merged.csv. The employers offering them are FICTIONAL.
- College courses: real college names from ../shared/data/fe_colleges_uk_with_gias_location.csv, placed in a
  local authority by the college's town (England) or by the place in its name (Wales); the courses themselves
  are examples written for this demo.
- Jobs, training and activities: fictional employers, trainers and clubs (invented place-like names that are
  not real businesses), job titles in everyday words.
- Every summary and requirement is written here, in plain words; no prose is taken from the sources.
- Listings in Wales carry Welsh words too (title_cy, summary_cy, requirements_cy), written here; a few are left
  in English only, so the kiosk's "In English" marker has something to show.
Contains public sector information licensed under the Open Government Licence v3.0.

Dates: everything is relative to AS_OF (the pack's "as of" day). Start dates spread over the year after it.
`waymarkctl demo-seed` moves the demo pack's dates forward by whole weeks to today, so the demo children
(released 6 and 10 weeks from the day the demo is seeded) always have things to start. Real packs are never moved.

The output is deterministic (a fixed random seed), so re-running it gives the same files.
usage: scripts/make_demo_catalogue.py [--out DIR]
"""
import argparse
import csv
import datetime as dt
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from import_la import shared_data  # noqa: E402

AS_OF = dt.date(2026, 11, 2)  # a Monday

# (local authority name as in the table, how many listings, the town a child would say, colleges there)
AREAS = [
    ("Leeds", 64, "Leeds", ["Leeds City College", "Leeds College of Building", "Shipley College"]),
    ("Bradford", 16, "Bradford", ["Bradford College"]),
    ("Wakefield", 12, "Wakefield", ["Wakefield College"]),
    ("Kirklees", 12, "Huddersfield", ["Kirklees College", "Huddersfield New College"]),
    ("Calderdale", 8, "Halifax", ["Calderdale College"]),
    ("York", 6, "York", ["York College", "Askham Bryan College"]),
    ("Cardiff", 56, "Cardiff", ["Cardiff and Vale College"]),
    ("Vale of Glamorgan", 10, "Barry", ["Cardiff and Vale College"]),
    ("Newport", 12, "Newport", ["Coleg Gwent"]),
    ("Caerphilly", 10, "Caerphilly", ["Coleg Gwent", "Coleg Y Cymoedd"]),
    ("Rhondda Cynon Taf", 10, "Pontypridd", ["Coleg Y Cymoedd"]),
    ("Bridgend", 8, "Bridgend", ["Bridgend College"]),
    ("Merthyr Tydfil", 6, "Merthyr Tydfil", ["Merthyr Tydfil College"]),
    ("Torfaen", 5, "Cwmbran", ["Coleg Gwent"]),
    ("Swansea", 8, "Swansea", ["Gower College Swansea"]),
    ("Neath Port Talbot", 5, "Neath", ["NPTC Group"]),
    ("Carmarthenshire", 5, "Llanelli", ["Coleg Sir Gar"]),
    ("Wrexham", 6, "Wrexham", ["Coleg Cambria"]),
    ("Manchester", 10, "Manchester", ["LTE Group", "Xaverian College"]),
    ("Salford", 6, "Salford", ["Salford City College"]),
    ("Liverpool", 10, "Liverpool", ["The City of Liverpool College"]),
    ("Birmingham", 12, "Birmingham", ["Birmingham Metropolitan College", "South and City College Birmingham"]),
    ("Sheffield", 9, "Sheffield", ["Sheffield College (The)"]),
    ("Newcastle upon Tyne", 7, "Newcastle", []),
    ("Gateshead", 5, "Gateshead", ["Gateshead College"]),
    ("Sunderland", 5, "Sunderland", []),
    ("Nottingham", 7, "Nottingham", ["Nottingham College"]),
    ("Leicester", 7, "Leicester", ["Leicester College"]),
    ("Bristol", 8, "Bristol", ["City of Bristol College"]),
    ("Plymouth", 6, "Plymouth", ["City College Plymouth"]),
    ("Southampton", 6, "Southampton", ["Southampton City College"]),
    ("Portsmouth", 5, "Portsmouth", []),
    ("Kingston upon Hull", 6, "Hull", []),
    ("Middlesbrough", 6, "Middlesbrough", ["Middlesbrough College"]),
    ("Stoke-on-Trent", 6, "Stoke", ["Stoke-on-Trent College"]),
    ("Coventry", 6, "Coventry", ["Coventry College"]),
    ("Wolverhampton", 6, "Wolverhampton", ["City of Wolverhampton College"]),
    ("Derby", 6, "Derby", ["Derby College"]),
    ("Lambeth", 7, "Brixton", ["Lambeth College"]),
    ("Newham", 7, "Stratford", ["Newham College of Further Education"]),
    ("Croydon", 6, "Croydon", ["Croydon College"]),
    ("Milton Keynes", 5, "Milton Keynes", ["Milton Keynes College"]),
    ("Exeter", 5, "Exeter", ["Exeter College"]),
    ("Lincoln", 5, "Lincoln", ["Lincoln College"]),
    ("Doncaster", 6, "Doncaster", ["DN Colleges Group"]),
    ("Barnsley", 5, "Barnsley", ["Barnsley College"]),
    ("Bolton", 5, "Bolton", ["Bolton College"]),
    ("Blackpool", 5, "Blackpool", ["Blackpool and The Fylde College"]),
    ("Preston", 5, "Preston", ["Preston College"]),
    ("Wigan", 5, "Wigan", ["Wigan and Leigh College"]),
]

# ---- courses at real colleges (the courses are examples written for the demo)
COURSES = [
    ("Bricklaying for beginners", 1, "1 year", "No exams needed. Come to a taster day first.",
     "Learn to lay bricks and blocks and build small walls in the college workshop.", "building"),
    ("Carpentry and joinery", 1, "1 year", "No exams needed. You will work on English and maths too.",
     "Measure, cut and join wood. Make doors, frames and stairs in the workshop.", "building"),
    ("Plumbing starter course", 1, "1 year", "No exams needed.",
     "Fit pipes, taps and radiators. Learn how water and heating work in a house.", "building"),
    ("Electrical skills", 2, "1 year", "English and maths at level 1, or working towards it.",
     "Wire lights and sockets safely and learn how electricity works in homes.", "building"),
    ("Painting and decorating", 1, "1 year", "No exams needed.",
     "Prepare walls, hang wallpaper and paint rooms so they look sharp.", "building"),
    ("Motor vehicle maintenance", 1, "1 year", "No exams needed. Bring an interest in cars.",
     "Service cars in the college garage: oil, tyres, brakes and lights.", "cars"),
    ("Catering and cooking", 1, "1 year", "No exams needed.",
     "Cook real meals in a college kitchen and serve them in the college cafe.", "food"),
    ("Hair and barbering", 1, "1 year", "No exams needed.",
     "Learn to wash, cut and style hair, and give fades and trims in the college salon.", "beauty"),
    ("Sport and fitness", 2, "1 year", "Some GCSEs help, but talk to the college if you have none.",
     "Plan training sessions, learn how the body works and coach others.", "sport"),
    ("Computing and IT", 2, "1 year", "English and maths at level 1.",
     "Build and fix computers, learn some coding and stay safe online.", "digital"),
    ("Health and social care", 1, "1 year", "No exams needed.",
     "Find out how to look after people who need support, in care homes and at home.", "care"),
    ("Art and design", 2, "1 year", "Bring some of your drawings if you can.",
     "Draw, paint, take photos and make things. Build a folder of your best work.", "creative"),
    ("Music performance", 2, "1 year", "No exams needed. You will play or sing at an audition.",
     "Play in a band, record in a studio and put on a live show.", "creative"),
    ("English and maths skills", 0, "6 months", "Nothing needed. Everyone starts at their own level.",
     "Small classes to build up your reading, writing and numbers, at your own pace.", "learning"),
    ("Public services", 2, "1 year", "English and maths at level 1.",
     "Find out about jobs in the fire service, ambulance service and armed forces. Lots of fitness.", "public"),
    ("Animal care", 1, "1 year", "No exams needed.",
     "Look after small animals, clean and feed them, and learn how to keep them healthy.", "animals"),
    ("Welding and fabrication", 1, "1 year", "No exams needed.",
     "Cut, shape and weld metal safely in the engineering workshop.", "making"),
    ("Engineering basics", 2, "1 year", "English and maths at level 1.",
     "Use tools and machines to make metal parts and learn how machines work.", "making"),
]

# ---- apprenticeships: real standard titles; the employers are fictional
APPRENTICESHIPS = [
    ("Bricklayer", "building"), ("Carpentry and joinery", "building"), ("Painter and decorator", "building"),
    ("Property maintenance operative", "building"), ("Roofer", "building"), ("Scaffolder", "building"),
    ("Wall and floor tiler", "building"), ("Plasterer", "building"), ("Groundworker", "building"),
    ("Commis chef", "food"), ("Hospitality team member", "food"), ("Baker", "food"), ("Butcher", "food"),
    ("Hair professional", "beauty"), ("Customer service practitioner", "shops"), ("Retailer", "shops"),
    ("Supply chain warehouse operative", "warehouse"), ("Express delivery operative", "driving"),
    ("Adult care worker", "care"), ("Healthcare support worker", "care"), ("Leisure team member", "sport"),
    ("Horticulture and landscape operative", "outdoors"), ("Animal care and welfare assistant", "animals"),
    ("General welder (arc processes)", "making"), ("Food and drink process operator", "making"),
    ("Motor vehicle service and maintenance technician (light vehicle)", "cars"),
    ("Autocare technician", "cars"), ("Installation electrician and maintenance electrician", "building"),
    ("Plumbing and domestic heating technician", "building"), ("Information communications technician", "digital"),
]
APP_WORDS = {
    "building": "Work with a skilled team on real building jobs and learn the trade step by step.",
    "food": "Work in a busy kitchen or food business and learn from experienced staff.",
    "beauty": "Work in a salon with clients from day one, with training at college one day a week.",
    "shops": "Help customers, keep the shop running and learn how a business works.",
    "warehouse": "Pick, pack and move stock, and learn to keep a warehouse safe and tidy.",
    "driving": "Help get parcels to the right place on time and learn the delivery routes.",
    "care": "Support people with everyday things like meals and getting about, with a mentor by your side.",
    "sport": "Help run a leisure centre: the gym, the pool and classes.",
    "outdoors": "Work outside in parks and gardens: planting, cutting and building paths.",
    "animals": "Care for animals every day: feeding, cleaning and checking they are well.",
    "making": "Work on the factory floor with a team and learn to use the machines safely.",
    "cars": "Work in a garage servicing and fixing cars, with a mentor showing you how.",
    "digital": "Set up computers and networks and help people when their tech goes wrong.",
}

# ---- jobs, training and activities with fictional names
JOBS = [
    ("Warehouse helper", "warehouse", "No experience needed. You need to be 16 or over.",
     "Pick and pack orders and load vans. Steady hours and a team to help you learn."),
    ("Kitchen porter", "food", "No experience needed.",
     "Keep the kitchen clean, wash up and help the chefs get food ready."),
    ("Cafe assistant", "food", "No experience needed. Be friendly with customers.",
     "Make drinks, serve food and keep the cafe tidy."),
    ("Building site labourer", "building", "You need a CSCS card. Training can help you get one.",
     "Carry materials, keep the site safe and clean, and help the trades."),
    ("Shop assistant", "shops", "No experience needed.",
     "Fill shelves, help customers find things and work on the till."),
    ("Car wash and valeting team member", "cars", "No experience needed.",
     "Wash and clean cars inside and out so they look like new."),
    ("Cleaner", "cleaning", "No experience needed.",
     "Clean offices in the early morning. Short shifts, so you have time for college."),
    ("Delivery driver's mate", "driving", "You need to be 16 or over and able to lift boxes.",
     "Ride with a driver, carry parcels to the door and learn the routes."),
    ("Gardening team member", "outdoors", "No experience needed. Work outside in all weather.",
     "Cut grass, trim hedges and plant flowers in parks and gardens."),
    ("Recycling centre assistant", "outdoors", "No experience needed.",
     "Help people sort their waste and keep the site safe and tidy."),
]
TRAINING = [
    ("Get your CSCS card", "building", "1 week", "Be 16 or over. Reading help is there if you need it.",
     "Learn about health and safety on a building site and take the test for the card you need to work there."),
    ("Food hygiene certificate", "food", "1 day", "Nothing needed.",
     "Learn to handle food safely. Most cafes and kitchens want this."),
    ("Forklift truck training", "warehouse", "1 week", "Be 18 or over.",
     "Learn to drive a forklift safely and get a certificate for warehouse work."),
    ("First aid at work", "care", "3 days", "Nothing needed.",
     "Learn to help someone who is hurt or ill until help arrives."),
    ("Getting ready for work", "work", "6 weeks", "Nothing needed. Come as you are.",
     "Build your confidence, write a CV, practise interviews and try a work placement."),
    ("Construction skills taster", "building", "4 weeks", "Nothing needed.",
     "Try bricklaying, joinery and painting to find out which trade you like best."),
    ("Barista training", "food", "2 weeks", "Nothing needed.",
     "Learn to make great coffee and work behind a busy counter."),
    ("Digital skills for beginners", "digital", "6 weeks", "Nothing needed.",
     "Use email, make a CV on a computer and stay safe online."),
]
ACTIVITIES = [
    ("Football sessions", "sport", "Every week", "Bring trainers. All levels welcome.",
     "Play football with a friendly coach and a team. Free to join."),
    ("Boxing club", "sport", "Every week", "Nothing needed. Kit is there to borrow.",
     "Train with a coach to get fit and strong. Sparring only when you are ready."),
    ("Volunteer at a food bank", "helping", "As long as you like", "Be 16 or over.",
     "Sort food, pack bags and help people who need it. Looks good on your CV."),
    ("Youth music project", "creative", "10 weeks", "Nothing needed.",
     "Write lyrics, make beats and record your own track in a studio."),
    ("Bike repair workshop", "making", "8 weeks", "Nothing needed.",
     "Learn to fix bikes. Fix one up and it could be yours to keep."),
    ("Climbing club", "sport", "Every week", "Nothing needed. Shoes and harness are there to borrow.",
     "Climb indoor walls with a trained instructor. Great for confidence."),
    ("Community garden", "outdoors", "Every week", "Nothing needed.",
     "Grow fruit and vegetables with local people and take some home."),
    ("Youth club", "social", "Every week", "Be 13 to 19.",
     "Meet people, play pool and games, cook together and plan trips."),
    ("Duke of Edinburgh's Award group", "outdoors", "6 months", "Be 14 to 24.",
     "Do volunteering, a skill and a sport, then go on an expedition with your group."),
]

FIRST = ["Fernvale", "Brackenholt", "Wyndlow", "Larkmere", "Thistledown", "Copperbeck", "Ashgrove", "Millbright",
         "Redkettle", "Stonebrook", "Hollowmere", "Brightwater", "Oakhurst", "Kestrelby", "Marrowfield", "Quillmoor"]
TRADE = {
    "building": ["Builders", "Construction", "Joinery", "Homes"], "food": ["Kitchen", "Bakery", "Cafe", "Foods"],
    "beauty": ["Hair Studio", "Barbers"], "shops": ["Stores", "Market"], "warehouse": ["Logistics", "Distribution"],
    "driving": ["Deliveries", "Couriers"], "care": ["Care", "Support Services"], "sport": ["Leisure", "Sports Club"],
    "outdoors": ["Gardens", "Landscapes", "Green Spaces"], "animals": ["Animal Rescue", "Farm Park"],
    "making": ["Engineering", "Fabrication", "Foods Factory"], "cars": ["Motors", "Garage"], "digital": ["IT Services", "Tech"],
    "cleaning": ["Cleaning Services"], "work": ["Training", "Skills Centre"], "helping": ["Community Trust"],
    "creative": ["Arts Project", "Music Hub"], "social": ["Youth Project"],
}

# ---- Welsh words for listings in Wales (informal "ti", short everyday words). A listing gets Welsh only when its
# title has Welsh here; the rest stay English on purpose (some official apprenticeship titles, one activity), so a
# Welsh reader sees the kiosk's "In English" marker on those. The duration needs no Welsh here: the kiosk puts
# "10 weeks", "Part time" and the like into Welsh itself. Nothing in this block uses the random generator, so
# the English listings stay exactly as they were.
WELSH_TITLES = {
    # courses (" (level N)" becomes " (lefel N)")
    "Bricklaying for beginners": "Gosod brics i ddechreuwyr",
    "Carpentry and joinery": "Gwaith coed",
    "Plumbing starter course": "Cwrs cyntaf plymio",
    "Electrical skills": "Sgiliau trydan",
    "Painting and decorating": "Peintio ac addurno",
    "Motor vehicle maintenance": "Trwsio ceir",
    "Catering and cooking": "Coginio ac arlwyo",
    "Hair and barbering": "Trin gwallt",
    "Sport and fitness": "Chwaraeon a ffitrwydd",
    "Computing and IT": "Cyfrifiaduron a TG",
    "Health and social care": "Iechyd a gofal",
    "Art and design": "Celf a dylunio",
    "Music performance": "Perfformio cerddoriaeth",
    "English and maths skills": "Sgiliau Saesneg a mathemateg",
    "Public services": "Gwasanaethau cyhoeddus",
    "Animal care": "Gofal anifeiliaid",
    "Welding and fabrication": "Weldio a gwaith metel",
    "Engineering basics": "Dechrau peirianneg",
    # apprenticeships (the official standard titles not listed here stay in English)
    "Apprentice: bricklayer": "Prentis: gosod brics",
    "Apprentice: carpentry and joinery": "Prentis: gwaith coed",
    "Apprentice: painter and decorator": "Prentis: peintio ac addurno",
    "Apprentice: roofer": "Prentis: toi",
    "Apprentice: scaffolder": "Prentis: sgaffaldiau",
    "Apprentice: plasterer": "Prentis: plastro",
    "Apprentice: commis chef": "Prentis: cogydd",
    "Apprentice: baker": "Prentis: pobydd",
    "Apprentice: butcher": "Prentis: cigydd",
    "Apprentice: hair professional": "Prentis: trin gwallt",
    "Apprentice: retailer": "Prentis: gwaith siop",
    "Apprentice: adult care worker": "Prentis: gofal oedolion",
    "Apprentice: healthcare support worker": "Prentis: helpu mewn ysbyty",
    "Apprentice: autocare technician": "Prentis: gofalu am geir",
    "Apprentice: installation electrician and maintenance electrician": "Prentis: trydanwr",
    "Apprentice: plumbing and domestic heating technician": "Prentis: plymio a gwresogi",
    "Apprentice: information communications technician": "Prentis: technegydd TG",
    "Apprentice: horticulture and landscape operative": "Prentis: garddio",
    # jobs
    "Warehouse helper": "Helpu mewn warws",
    "Kitchen porter": "Porthor cegin",
    "Cafe assistant": "Helpu mewn caffi",
    "Building site labourer": "Labrwr ar safle adeiladu",
    "Shop assistant": "Helpu mewn siop",
    "Car wash and valeting team member": "Golchi a glanhau ceir",
    "Cleaner": "Glanhawr",
    "Delivery driver's mate": "Helpu gyrrwr faniau",
    "Gardening team member": "Tîm garddio",
    # training
    "Get your CSCS card": "Cael dy gerdyn CSCS",
    "Food hygiene certificate": "Tystysgrif hylendid bwyd",
    "Forklift truck training": "Dysgu gyrru fforch godi",
    "First aid at work": "Cymorth cyntaf yn y gwaith",
    "Getting ready for work": "Paratoi am waith",
    "Construction skills taster": "Blas ar waith adeiladu",
    "Barista training": "Dysgu bod yn barista",
    "Digital skills for beginners": "Sgiliau digidol i ddechreuwyr",
    # activities ("Youth music project" stays English on purpose)
    "Football sessions": "Pêl-droed",
    "Boxing club": "Clwb bocsio",
    "Volunteer at a food bank": "Helpu mewn banc bwyd",
    "Bike repair workshop": "Trwsio beiciau",
    "Climbing club": "Clwb dringo",
    "Community garden": "Gardd gymunedol",
    "Youth club": "Clwb ieuenctid",
    "Duke of Edinburgh's Award group": "Grŵp Gwobr Dug Caeredin",
}
WELSH_TEXT = {
    # what you need
    "No exams needed. Come to a taster day first.": "Does dim angen arholiadau. Tyrd i ddiwrnod blasu yn gyntaf.",
    "No exams needed. You will work on English and maths too.":
        "Does dim angen arholiadau. Byddi di'n gweithio ar Saesneg a mathemateg hefyd.",
    "No exams needed.": "Does dim angen arholiadau.",
    "English and maths at level 1, or working towards it.": "Saesneg a mathemateg ar lefel 1, neu'n gweithio tuag ato.",
    "No exams needed. Bring an interest in cars.": "Does dim angen arholiadau. Dim ond diddordeb mewn ceir.",
    "Some GCSEs help, but talk to the college if you have none.":
        "Mae TGAU yn help, ond siarada gyda'r coleg os nad oes gen ti rai.",
    "English and maths at level 1.": "Saesneg a mathemateg ar lefel 1.",
    "Bring some of your drawings if you can.": "Tyrd â rhai o dy luniau os gelli di.",
    "No exams needed. You will play or sing at an audition.":
        "Does dim angen arholiadau. Byddi di'n chwarae neu'n canu i'r tiwtor yn gyntaf.",
    "Nothing needed. Everyone starts at their own level.": "Dim byd. Mae pawb yn dechrau lle maen nhw.",
    "Be 16 or over. English and maths at level 1, or work towards them while you train.":
        "Bod yn 16 oed neu'n hŷn. Saesneg a mathemateg ar lefel 1, neu gweithia arnyn nhw wrth hyfforddi.",
    "Be 16 or over. No experience needed: you are paid while you learn.":
        "Bod yn 16 oed neu'n hŷn. Does dim angen profiad: rwyt ti'n cael dy dalu wrth ddysgu.",
    "Be 16 or over and keen to learn. The employer will help with English and maths.":
        "Bod yn 16 oed neu'n hŷn ac eisiau dysgu. Bydd y cyflogwr yn helpu gyda Saesneg a mathemateg.",
    "No experience needed. You need to be 16 or over.": "Does dim angen profiad. Rhaid i ti fod yn 16 oed neu'n hŷn.",
    "No experience needed.": "Does dim angen profiad.",
    "No experience needed. Be friendly with customers.": "Does dim angen profiad. Bydda'n gyfeillgar gyda chwsmeriaid.",
    "You need a CSCS card. Training can help you get one.":
        "Mae angen cerdyn CSCS arnat ti. Gall hyfforddiant dy helpu i gael un.",
    "You need to be 16 or over and able to lift boxes.": "Rhaid i ti fod yn 16 oed neu'n hŷn ac yn gallu codi bocsys.",
    "No experience needed. Work outside in all weather.": "Does dim angen profiad. Gwaith tu allan ym mhob tywydd.",
    "Be 16 or over. Reading help is there if you need it.":
        "Bod yn 16 oed neu'n hŷn. Mae help gyda darllen os wyt ti eisiau.",
    "Nothing needed.": "Dim byd.",
    "Be 18 or over.": "Bod yn 18 oed neu'n hŷn.",
    "Nothing needed. Come as you are.": "Dim byd. Tyrd fel rwyt ti.",
    "Bring trainers. All levels welcome.": "Tyrd ag esgidiau ymarfer. Croeso i bawb.",
    "Nothing needed. Kit is there to borrow.": "Dim byd. Mae cit i'w fenthyg.",
    "Be 16 or over.": "Bod yn 16 oed neu'n hŷn.",
    "Nothing needed. Shoes and harness are there to borrow.": "Dim byd. Mae esgidiau a harnais i'w benthyg.",
    "Be 13 to 19.": "Bod rhwng 13 a 19 oed.",
    "Be 14 to 24.": "Bod rhwng 14 a 24 oed.",
    # what you would do
    "Learn to lay bricks and blocks and build small walls in the college workshop.":
        "Dysga osod brics a blociau a chodi waliau bach yng ngweithdy'r coleg.",
    "Measure, cut and join wood. Make doors, frames and stairs in the workshop.":
        "Mesura a thorra bren. Gwna ddrysau, fframiau a grisiau yn y gweithdy.",
    "Fit pipes, taps and radiators. Learn how water and heating work in a house.":
        "Gosoda bibellau, tapiau a rheiddiaduron. Dysga sut mae dŵr a gwres yn gweithio mewn tŷ.",
    "Wire lights and sockets safely and learn how electricity works in homes.":
        "Gosoda olau a socedi yn saff, a dysga sut mae trydan yn gweithio mewn tŷ.",
    "Prepare walls, hang wallpaper and paint rooms so they look sharp.":
        "Paratoa waliau, rho bapur wal i fyny a phaentia stafelloedd nes eu bod nhw'n edrych yn wych.",
    "Service cars in the college garage: oil, tyres, brakes and lights.":
        "Gofala am geir yng ngarej y coleg: olew, teiars, brêcs a goleuadau.",
    "Cook real meals in a college kitchen and serve them in the college cafe.":
        "Coginia brydau go iawn yng nghegin y coleg a'u rhoi i bobl yng nghaffi'r coleg.",
    "Learn to wash, cut and style hair, and give fades and trims in the college salon.":
        "Dysga olchi, torri a steilio gwallt yn salon y coleg.",
    "Plan training sessions, learn how the body works and coach others.":
        "Cynllunia sesiynau ymarfer, dysga sut mae'r corff yn gweithio a helpa eraill i ymarfer.",
    "Build and fix computers, learn some coding and stay safe online.":
        "Adeilada a thrwsia gyfrifiaduron, dysga godio a bydda'n saff ar-lein.",
    "Find out how to look after people who need support, in care homes and at home.":
        "Dysga sut i ofalu am bobl sydd angen help, mewn cartref gofal ac yn eu tŷ nhw.",
    "Draw, paint, take photos and make things. Build a folder of your best work.":
        "Tynna luniau, peintia a gwna bethau. Cadwa dy waith gorau mewn ffolder.",
    "Play in a band, record in a studio and put on a live show.":
        "Chwaraea mewn band, recordia mewn stiwdio a chynnal sioe fyw.",
    "Small classes to build up your reading, writing and numbers, at your own pace.":
        "Dosbarthiadau bach i wella dy ddarllen, dy ysgrifennu a dy rifau, yn dy amser dy hun.",
    "Find out about jobs in the fire service, ambulance service and armed forces. Lots of fitness.":
        "Dysga am swyddi gyda'r gwasanaeth tân, yr ambiwlans a'r lluoedd arfog. Llawer o ffitrwydd.",
    "Look after small animals, clean and feed them, and learn how to keep them healthy.":
        "Gofala am anifeiliaid bach: glanha nhw, bwyda nhw a dysga sut i'w cadw'n iach.",
    "Cut, shape and weld metal safely in the engineering workshop.":
        "Torra, siapia a weldia fetel yn saff yn y gweithdy.",
    "Use tools and machines to make metal parts and learn how machines work.":
        "Defnyddia offer a pheiriannau i wneud darnau metel, a dysga sut mae peiriannau'n gweithio.",
    "Pick and pack orders and load vans. Steady hours and a team to help you learn.":
        "Casgla a phacia archebion a llwytha faniau. Oriau cyson a thîm i dy helpu i ddysgu.",
    "Keep the kitchen clean, wash up and help the chefs get food ready.":
        "Cadwa'r gegin yn lân, golcha'r llestri a helpa'r cogyddion i baratoi bwyd.",
    "Make drinks, serve food and keep the cafe tidy.": "Gwna ddiodydd, rho fwyd i bobl a chadwa'r caffi'n daclus.",
    "Carry materials, keep the site safe and clean, and help the trades.":
        "Cario pethau, cadwa'r safle'n saff ac yn lân, a helpa'r gweithwyr.",
    "Fill shelves, help customers find things and work on the till.":
        "Llenwa silffoedd, helpa gwsmeriaid i ffeindio pethau a gweithia ar y til.",
    "Wash and clean cars inside and out so they look like new.":
        "Golcha a glanha geir tu mewn a tu allan nes eu bod nhw'n edrych fel newydd.",
    "Clean offices in the early morning. Short shifts, so you have time for college.":
        "Glanha swyddfeydd yn gynnar yn y bore. Shifftiau byr, felly mae amser gen ti i'r coleg.",
    "Ride with a driver, carry parcels to the door and learn the routes.":
        "Teithia gyda gyrrwr, cario parseli at y drws a dysga'r ffordd.",
    "Cut grass, trim hedges and plant flowers in parks and gardens.":
        "Torra wair, tocia wrychoedd a phlanna flodau mewn parciau a gerddi.",
    "Learn about health and safety on a building site and take the test for the card you need to work there.":
        "Dysga sut i gadw'n saff ar safle adeiladu, a gwna'r prawf am y cerdyn i weithio yno.",
    "Learn to handle food safely. Most cafes and kitchens want this.":
        "Dysga sut i drin bwyd yn saff. Mae'r rhan fwyaf o gaffis a cheginau eisiau hyn.",
    "Learn to drive a forklift safely and get a certificate for warehouse work.":
        "Dysga yrru fforch godi yn saff a chael tystysgrif i weithio mewn warws.",
    "Learn to help someone who is hurt or ill until help arrives.":
        "Dysga helpu rhywun sydd wedi brifo neu'n sâl nes bod help yn dod.",
    "Build your confidence, write a CV, practise interviews and try a work placement.":
        "Magu hyder, ysgrifennu CV, ymarfer cyfweliad a rhoi cynnig ar waith go iawn.",
    "Try bricklaying, joinery and painting to find out which trade you like best.":
        "Rho gynnig ar osod brics, gwaith coed a pheintio i weld beth rwyt ti'n ei hoffi orau.",
    "Learn to make great coffee and work behind a busy counter.":
        "Dysga wneud coffi gwych a gweithio tu ôl i gownter prysur.",
    "Use email, make a CV on a computer and stay safe online.":
        "Defnyddia e-bost, gwna CV ar gyfrifiadur a bydda'n saff ar-lein.",
    "Play football with a friendly coach and a team. Free to join.":
        "Chwaraea bêl-droed gyda hyfforddwr cyfeillgar a thîm. Am ddim.",
    "Train with a coach to get fit and strong. Sparring only when you are ready.":
        "Ymarfer gyda hyfforddwr i fod yn heini ac yn gryf. Dim ymladd nes dy fod di'n barod.",
    "Sort food, pack bags and help people who need it. Looks good on your CV.":
        "Trefna fwyd, pacia fagiau a helpa bobl sydd ei angen. Mae'n edrych yn dda ar dy CV.",
    "Learn to fix bikes. Fix one up and it could be yours to keep.":
        "Dysga drwsio beiciau. Trwsia un a gallet ti ei gadw.",
    "Climb indoor walls with a trained instructor. Great for confidence.":
        "Dringa waliau dan do gyda hyfforddwr. Gwych i fagu hyder.",
    "Grow fruit and vegetables with local people and take some home.":
        "Tyfa ffrwythau a llysiau gyda phobl leol a chymer rai adref.",
    "Meet people, play pool and games, cook together and plan trips.":
        "Cwrdd â phobl, chwarae pŵl a gemau, coginio gyda'r criw a chynllunio tripiau.",
    "Do volunteering, a skill and a sport, then go on an expedition with your group.":
        "Helpa yn y gymuned, dysga sgil a gwna chwaraeon, yna dos ar daith gyda dy grŵp.",
}
# apprenticeship summaries: the words for the interest, then the level
WELSH_APP_WORDS = {
    "building": "Gweithia gyda thîm ar waith adeiladu go iawn a dysga'r grefft gam wrth gam.",
    "food": "Gweithia mewn cegin brysur neu fusnes bwyd a dysga gan staff profiadol.",
    "beauty": "Gweithia mewn salon gyda chwsmeriaid o'r diwrnod cyntaf, a choleg un diwrnod yr wythnos.",
    "shops": "Helpa gwsmeriaid, cadwa'r siop i fynd a dysga sut mae busnes yn gweithio.",
    "care": "Helpa bobl gyda phethau bob dydd fel bwyd a mynd allan, gyda mentor wrth dy ochr.",
    "outdoors": "Gweithia tu allan mewn parciau a gerddi: plannu, torri a gwneud llwybrau.",
    "cars": "Gweithia mewn garej yn gofalu am geir a'u trwsio, gyda mentor i ddangos sut.",
    "digital": "Gosoda gyfrifiaduron a helpa bobl pan fydd eu technoleg yn torri.",
}


def add_welsh(row, kind, interest, level):
    """Adds title_cy, summary_cy, requirements_cy (duration_cy stays empty) to a row in Wales, when the title
    has Welsh; otherwise the row stays English only."""
    title, req, summary = row[2], row[8], row[9]
    base, lvl = title, ""
    if title.endswith(")") and " (level " in title:
        base, lvl = title[: title.index(" (level ")], title[title.index(" (level ") + 8: -1]
    title_cy = WELSH_TITLES.get(base)
    if not title_cy:
        return row + ["", "", "", ""]
    if lvl:
        title_cy += f" (lefel {lvl})"
    if kind == "apprenticeship":
        summary_cy = (WELSH_APP_WORDS[interest] + f" Prentisiaeth lefel {level}; rwyt ti'n cael dy dalu wrth ddysgu."
                      if interest in WELSH_APP_WORDS else "")
    else:
        summary_cy = WELSH_TEXT.get(summary, "")
    return row + [title_cy, summary_cy, WELSH_TEXT.get(req, ""), ""]



def fictional(rng, interest, place):
    return f"{rng.choice(FIRST)} {rng.choice(TRADE.get(interest, ['Works']))}"


def start_date(rng, kind, area_weight):
    """A start date in the year after AS_OF. Leeds and Cardiff areas lean towards weeks 4-30, where the demo
    children's windows are; everything still spreads over the year."""
    if kind == "course":
        # colleges start in September, January and April; some roll on
        options = [dt.date(2027, 9, 6), dt.date(2027, 1, 11), dt.date(2027, 4, 19), dt.date(2027, 2, 22),
                   dt.date(2027, 6, 7)]
        if rng.random() < 0.4:
            d = rng.choice(options)
            return d - dt.timedelta(days=(d - AS_OF).days % 7)  # keep Mondays after the weekly rebase
    weeks = rng.randint(4, 30) if rng.random() < area_weight else rng.randint(1, 51)
    return AS_OF + dt.timedelta(weeks=weeks, days=rng.choice([0, 0, 0, 1, 2]))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=os.path.join(ROOT, "assets", "catalogue"))
    a = ap.parse_args()
    data = shared_data()
    la_path = os.path.join(ROOT, "assets", "la", "local_authorities.csv")
    las = {r["name_en"]: r for r in csv.DictReader(open(la_path, encoding="utf-8"))}
    standards = {}
    for r in csv.DictReader(open(os.path.join(data, "apprenticeship_standards_merged.csv"), encoding="utf-8")):
        standards.setdefault(r["title"].strip(), r)
    colleges = {r["name"].strip() for r in csv.DictReader(open(os.path.join(data, "fe_colleges_uk_with_gias_location.csv"),
                                                             encoding="utf-8"))}
    rng = random.Random(20261102)
    rows = []
    missing = [t for t, _ in APPRENTICESHIPS if t not in standards or not standards[t]["level"]]
    apps = [(t, i) for t, i in APPRENTICESHIPS if t not in missing]
    if missing:
        print("make_demo_catalogue: not in the standards list, left out: " + ", ".join(missing), file=sys.stderr)
    for name, count, town, area_colleges in AREAS:
        if name not in las:
            sys.exit(f"make_demo_catalogue: {name} is not in {la_path}")
        for c in area_colleges:
            if c not in colleges:
                sys.exit(f"make_demo_catalogue: {c} is not in the FE colleges list")
        code = las[name]["code"]
        slug = "".join(ch if ch.isalnum() else "-" for ch in name.lower()).strip("-")
        focus = 0.7 if name in ("Leeds", "Bradford", "Wakefield", "Kirklees", "Calderdale", "Cardiff",
                                "Vale of Glamorgan", "Newport", "Caerphilly", "Rhondda Cynon Taf") else 0.3
        for n in range(count):
            kind = ["course", "apprenticeship", "job", "training", "activity"][n % 5]
            if kind == "course" and not area_colleges:
                kind = "training"
            level = 0
            if kind == "course":
                title, level, duration, req, summary, interest = rng.choice(COURSES)
                provider = rng.choice(area_colleges)
                if provider.endswith(" (The)"):  # "Sheffield College (The)" in the register
                    provider = "The " + provider[: -len(" (The)")]
                if level:
                    title = f"{title} (level {level})"
            elif kind == "apprenticeship":
                std_title, interest = rng.choice(apps)
                st = standards[std_title]
                level = int(st["level"])
                months = int(st["typical_duration_months"] or 12)
                title = f"Apprentice: {std_title[0].lower() + std_title[1:] if std_title[1:2].islower() else std_title}"
                title = title[:80]
                duration = f"{months} months" if months % 12 else (f"{months // 12} year" + ("s" if months > 12 else ""))
                req = rng.choice(["Be 16 or over. English and maths at level 1, or work towards them while you train.",
                                  "Be 16 or over. No experience needed: you are paid while you learn.",
                                  "Be 16 or over and keen to learn. The employer will help with English and maths."])
                summary = APP_WORDS[interest] + f" Level {level} apprenticeship; you are paid while you learn."
                provider = fictional(rng, interest, town)
            elif kind == "job":
                title, interest, req, summary = rng.choice(JOBS)
                duration = rng.choice(["Full time", "Part time", "Part time, 16 hours a week", "Full time, 6 month contract"])
                provider = fictional(rng, interest, town)
            elif kind == "training":
                title, interest, duration, req, summary = rng.choice(TRAINING)
                provider = fictional(rng, "work", town)
            else:
                title, interest, duration, req, summary = rng.choice(ACTIVITIES)
                provider = fictional(rng, interest, town)
            sd = start_date(rng, kind, focus)
            expires = max(sd + dt.timedelta(days=21), AS_OF + dt.timedelta(days=183))
            row = [f"{slug}-{n + 1:03d}", kind, title, provider, code, town, sd.isoformat(), duration, req, summary,
                   str(level), interest, expires.isoformat(), "approved"]
            rows.append(add_welsh(row, kind, interest, level) if code.startswith("W") else row + ["", "", "", ""])
    rows.sort(key=lambda r: (r[6], r[0]))
    os.makedirs(a.out, exist_ok=True)
    with open(os.path.join(a.out, "listings.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "kind", "title", "provider", "la_code", "place", "start_date", "duration", "requirements",
                    "summary", "level", "interest", "expires", "status", "title_cy", "summary_cy", "requirements_cy",
                    "duration_cy"])
        w.writerows(rows)
    with open(la_path, encoding="utf-8") as src, open(os.path.join(a.out, "local_authorities.csv"), "w", encoding="utf-8") as dst:
        dst.write(src.read())
    kinds = {}
    for r in rows:
        kinds[r[1]] = kinds.get(r[1], 0) + 1
    print(f"make_demo_catalogue: {len(rows)} listings in {len(AREAS)} local authorities, as of {AS_OF}: "
          + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))
    wales = [r for r in rows if r[4].startswith("W")]
    print(f"make_demo_catalogue: {sum(1 for r in wales if r[14])} of {len(wales)} listings in Wales have Welsh words")


if __name__ == "__main__":
    main()
