def test_personas_build_a_regency_with_a_supervision_chain(personas):
    from kinerja.org.selectors import supervision_chain

    chain = supervision_chain(personas.employees["staf"], personas.employees["staf"].assignments.first().start_date)
    assert chain.rater.employee == personas.employees["kasi"]
    assert chain.rater_superior.employee == personas.employees["kabid"]
